return ModelAudit.Tool.Cli.Run(args);
