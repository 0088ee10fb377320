"""Clinic Guide: an offline, searchable health guide for clinics and their visitors."""

__version__ = "0.1.0"
APP_NAME = "Clinic Guide"
APP_ID = "guide-app"
ORG_NAME = "Clinic Guide"
ORG_DOMAIN = "clinic-guide.invalid"
