from carsplus_tui.cli import main

main()
