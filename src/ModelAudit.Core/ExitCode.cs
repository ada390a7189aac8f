namespace ModelAudit.Core;

/// <summary>The process exit codes of every modelaudit command; documented in the README and stable.</summary>
public enum ExitCode
{
    /// <summary>The command did what was asked (for the audit: every check passed).</summary>
    Success = 0,

    /// <summary>The audit gate failed: a check fell below its threshold or regressed.</summary>
    GateFailed = 1,

    /// <summary>Bad input: a missing or unreadable file, a corrupt model or image, a bad option.</summary>
    BadInput = 2,

    /// <summary>A bug in ModelAudit or ONNX Runtime; please report it.</summary>
    InternalError = 3,
}
