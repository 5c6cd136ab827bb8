"""Small display widgets: heatmaps, day strips, week bars."""
