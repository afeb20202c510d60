"""Block storage v2 (Cinder): apiversions, volumes, snapshots, volumetypes."""
