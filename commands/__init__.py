"""Click commands, one module per noun. Each module imports only click at module level, so that
`awards --help` stays instant; everything else is imported inside the command that needs it."""
