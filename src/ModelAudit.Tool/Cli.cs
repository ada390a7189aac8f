namespace ModelAudit.Tool;

/// <summary>Entry point of the modelaudit command; filled in by the command files.</summary>
public static class Cli
{
    public static int Run(string[] args) => args.Length >= 0 ? 0 : 3;
}
