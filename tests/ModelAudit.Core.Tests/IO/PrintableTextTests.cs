using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Results;
using ModelAudit.Core.IO;
using ModelAudit.Core.Reporting;
using ModelAudit.Core.Tests.Reporting;

namespace ModelAudit.Core.Tests.IO;

public sealed class PrintableTextTests
{
    [Theory]
    [InlineData("plain name", "plain name")]
    [InlineData("red\u001b[31m", "red\\u001B[31m")]
    [InlineData("two\nlines\r", "two\\u000Alines\\u000D")]
    [InlineData("nul\0tab\t", "nul\\u0000tab\\u0009")]
    [InlineData("del\u007f c1\u009b", "del\\u007F c1\\u009B")]
    [InlineData("abc\u202Eevil\u2066", "abc\\u202Eevil\\u2066")]
    [InlineData("modèle→猫", "modèle→猫")]
    [InlineData("", "")]
    public void Escape_ControlAndBidiCharacters_BecomeVisibleEscapes(string text, string expected)
    {
        Assert.Equal(expected, PrintableText.Escape(text));
    }

    [Fact]
    public void ToCanonical_NameWithLineBreakAndEscape_StaysOneLineThatForgesNothing()
    {
        var finding = new Finding(Severity.Warning, DiagnosticCodes.NoBaseline, "dir\u001b/modelaudit.json", 3, 5,
            "m\nmodelaudit.json(1,1): error MA1101: forged\u001b[2J");

        var line = finding.ToCanonical();

        Assert.Equal("dir\\u001B/modelaudit.json(3,5): warning MA1205: m\\u000Amodelaudit.json(1,1): error MA1101: forged\\u001B[2J", line);
        Assert.DoesNotContain(line, char.IsControl);
    }

    [Fact]
    public void SummaryMarkdown_ModelNameWithControlCharacters_IsEscaped()
    {
        var text = MarkdownSummary.Render(ReportFixture.Build(shapesName: "sh\u001b]0;title\u0007apes"));

        Assert.Contains("sh\\u001B\\]0;title\\u0007apes", text, StringComparison.Ordinal);
        Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
    }
}
