"""Block storage v1 (Cinder): apiversions, volumes, snapshots, volumetypes."""
