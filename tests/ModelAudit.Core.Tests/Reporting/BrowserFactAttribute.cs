namespace ModelAudit.Core.Tests.Reporting;

/// <summary>
/// A test that needs a real Chromium. It runs everywhere (CI installs Debian's chromium) and fails loudly when
/// the browser is missing; only MODELAUDIT_SKIP_BROWSER=1 turns it into a skip, for machines that cannot have one.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string SkipVariable = "MODELAUDIT_SKIP_BROWSER";

    public BrowserFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(SkipVariable) == "1")
        {
            Skip = $"{SkipVariable}=1: the report is not checked in a browser.";
        }
    }
}
