from embargo.cli.main import main

raise SystemExit(main())
