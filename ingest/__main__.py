import sys

if __name__ == "__main__":  # worker processes may import this module: it must not run the command there
    from ingest.worker import start_worker_server

    start_worker_server()  # first: the server imports and loads the layouts on another core meanwhile
    from ingest.cli import main

    sys.exit(main())
