# The command line: command output, status and error messages, --help.
