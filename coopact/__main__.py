from coopact.cli import main

main()
