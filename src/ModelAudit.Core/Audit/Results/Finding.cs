namespace ModelAudit.Core.Audit.Results;

public enum Severity
{
    Error,
    Warning,
    Info,
}

/// <summary>
/// A canonical diagnostic: <c>path(line,col): error MA1101: message</c>, the format MSBuild, Visual Studio
/// and GitHub's problem matcher all read.
/// </summary>
public sealed record Finding(Severity Severity, string Code, string File, int Line, int Column, string Message)
{
    /// <summary>One printable line: control characters in the path or message are escaped (<see cref="IO.PrintableText"/>).</summary>
    public string ToCanonical() =>
        $"{IO.PrintableText.Escape(File)}({Line},{Column}): {Severity.ToString().ToLowerInvariant()} {Code}: {IO.PrintableText.Escape(Message)}";
}
