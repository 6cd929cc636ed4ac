"""Running the platform: serving, task workers and their heartbeats, periodic jobs, health, logs, backups."""
