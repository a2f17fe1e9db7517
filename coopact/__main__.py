from coopact.cli import app

app(prog_name="coopact")
