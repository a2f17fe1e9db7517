-- Prefect's own database beside coopact's, on the same PostgreSQL server (compose.yaml).
CREATE DATABASE prefect OWNER coopact;
