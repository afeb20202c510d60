"""Block storage v3 (Cinder): apiversions, volumes, snapshots, volumetypes."""
