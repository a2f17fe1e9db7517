from coopact.entrypoints.cli.main import main

main()
