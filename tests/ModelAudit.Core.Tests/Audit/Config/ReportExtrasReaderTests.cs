using ModelAudit.Core.Audit;
using ModelAudit.Core.Audit.Config;

namespace ModelAudit.Core.Tests.Audit.Config;

public sealed class ReportExtrasReaderTests
{
    private const string Models = "\"models\": [{\"path\": \"models/m.onnx\", \"images\": [{\"path\": \"images/a.png\"}]}]";

    [Fact]
    public void Load_NoReportEntry_BothPanelsOn()
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig($"{{{Models}}}");

        Assert.Equal(new ReportExtras(Filters: true, Activations: true), AuditConfigLoader.Load(folder.ConfigPath).Report);
    }

    [Theory]
    [InlineData("{\"filters\": false}", false, true)]
    [InlineData("{\"activations\": false}", true, false)]
    [InlineData("{\"filters\": false, \"activations\": false}", false, false)]
    [InlineData("{}", true, true)]
    public void Load_ReportEntry_ReadsEachSwitch(string report, bool filters, bool activations)
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig($"{{{Models}, \"report\": {report}}}");

        Assert.Equal(new ReportExtras(filters, activations), AuditConfigLoader.Load(folder.ConfigPath).Report);
    }

    [Theory]
    [InlineData("{\"filters\": \"no\"}", 1, 101, "report.filters must be true or false, got a string")]
    [InlineData("{\"filter\": false}", 1, 90, "report has unknown property \"filter\"; did you mean \"filters\"?")]
    [InlineData("false", 1, 89, "report must be an object, got a boolean")]
    public void Load_BadReportEntry_PointsAtIt(string report, int line, int column, string detail)
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig($"{{{Models}, \"report\": {report}}}");

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        Assert.Equal((line, column, DiagnosticCodes.ConfigInvalid, detail), (e.Line, e.Column, e.Code, e.Detail));
    }

    [Fact]
    public void Load_Templates_ResolvedAgainstTheConfigsFolder()
    {
        using var folder = new ConfigFolder();
        folder.Write("design/report.css", "body {}");
        folder.WriteConfig($"{{{Models}, \"report\": {{\"templates\": \"design\"}}}}");

        Assert.Equal(new ReportExtras(Templates: folder.File("design")), AuditConfigLoader.Load(folder.ConfigPath).Report);
    }

    [Theory]
    [InlineData("missing", "report.templates: templates folder missing not found (looked for {0}); give a folder relative to the config, or leave \"templates\" out for the built-in design")]
    [InlineData("images/a.png", "report.templates: images/a.png is a file; give the folder holding the templates (*.sbn, report.css)")]
    public void Load_TemplatesNotAFolder_MA1002AtTheFieldNamingThePath(string written, string detail)
    {
        using var folder = new ConfigFolder();
        folder.WriteConfig($"{{{Models}, \"report\": {{\"templates\": \"{written}\"}}}}");

        var e = Assert.Throws<ConfigException>(() => AuditConfigLoader.Load(folder.ConfigPath));

        // Column 103 is the value of "templates" on the one line of the config.
        Assert.Equal((folder.ConfigPath, 1, 103, DiagnosticCodes.FileProblem, string.Format(System.Globalization.CultureInfo.InvariantCulture, detail, folder.File(written))),
            (e.File, e.Line, e.Column, e.Code, e.Detail));
    }
}
