"""Admin reports (Wagtail report views, CSV and XLSX export)."""
