using System.Text;
using System.Text.Json;
using ModelAudit.Core.Reporting;
using ModelAudit.TestSupport;

namespace ModelAudit.Core.Tests.Reporting;

public sealed class JsonReportWriterTests
{
    [Fact]
    public void Write_ParsedBack_CarriesSchemaVersionVerdictAndEveryCheck()
    {
        using var temp = new TempDir();
        new JsonReportWriter().Write(ReportFixture.Build(), temp.Path);

        using var json = JsonDocument.Parse(File.ReadAllBytes(temp.File("results.json")));
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.False(root.GetProperty("passed").GetBoolean());
        Assert.Equal("threshold", root.GetProperty("failOn").GetString());
        var summary = root.GetProperty("summary");
        Assert.Equal((2, 3, 7, 1, 1, 1), (
            summary.GetProperty("models").GetInt32(),
            summary.GetProperty("images").GetInt32(),
            summary.GetProperty("checks").GetInt32(),
            summary.GetProperty("failedChecks").GetInt32(),
            summary.GetProperty("warnings").GetInt32(),
            summary.GetProperty("errors").GetInt32()));

        var shapes = root.GetProperty("models")[0];
        Assert.Equal("shapes", shapes.GetProperty("name").GetString());
        Assert.True(shapes.GetProperty("modelChanged").GetBoolean());
        Assert.Equal(2, shapes.GetProperty("layers").GetArrayLength());
        var failing = shapes.GetProperty("images")[1];
        Assert.Equal("images/b.png", failing.GetProperty("path").GetString());
        Assert.False(failing.GetProperty("passed").GetBoolean());
        Assert.Equal(21, failing.GetProperty("location").GetProperty("line").GetInt32());
        Assert.Equal(JsonValueKind.Null, failing.GetProperty("baseline").ValueKind);
        var mass = failing.GetProperty("checks")[0];
        Assert.Equal("relevance-mass", mass.GetProperty("id").GetString());
        Assert.Equal("fail", mass.GetProperty("status").GetString());
        Assert.Equal("MA1101", mass.GetProperty("code").GetString());
        Assert.Equal(0.12, mass.GetProperty("value").GetDouble());
        Assert.Equal(0.5, mass.GetProperty("threshold").GetDouble());
        Assert.Equal(">=", mass.GetProperty("comparison").GetString());
        Assert.Equal("warn", failing.GetProperty("checks")[1].GetProperty("status").GetString());

        var passing = shapes.GetProperty("images")[0];
        Assert.Equal(0.91, passing.GetProperty("baseline").GetProperty("correlation").GetDouble());
        Assert.True(passing.GetProperty("checks")[2].GetProperty("isRegression").GetBoolean());
        var box = passing.GetProperty("regions")[0];
        Assert.Equal("box", box.GetProperty("kind").GetString());
        Assert.Equal(24, box.GetProperty("points")[1][0].GetDouble());

        var digits = root.GetProperty("models")[1];
        Assert.Equal(JsonValueKind.Null, digits.GetProperty("baselineSha256").ValueKind);
        Assert.Equal(JsonValueKind.Null, digits.GetProperty("images")[0].GetProperty("checks")[1].GetProperty("threshold").ValueKind);

        var findings = root.GetProperty("findings");
        Assert.Equal(3, findings.GetArrayLength());
        Assert.Equal("error", findings[0].GetProperty("severity").GetString());
        Assert.Equal(9, findings[0].GetProperty("column").GetInt32());
    }

    [Fact]
    public void Write_Twice_GivesIdenticalBytes()
    {
        using var temp = new TempDir();
        var writer = new JsonReportWriter();
        writer.Write(ReportFixture.Build(), temp.Path);
        var first = File.ReadAllBytes(temp.File("results.json"));
        writer.Write(ReportFixture.Build(), temp.Path);

        Assert.Equal(first, File.ReadAllBytes(temp.File("results.json")));
    }

    [Fact]
    public void Render_PicturesAndMaps_StayOutOfTheJson()
    {
        var text = Encoding.UTF8.GetString(JsonReportWriter.Render(ReportFixture.Build()));

        Assert.DoesNotContain("base64", text, StringComparison.Ordinal);
        Assert.DoesNotContain("iVBOR", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"png\"", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_NonFiniteValue_WritesNullInsteadOfFailing()
    {
        var report = ReportFixture.Build();
        var image = report.Models[0].Images[0];
        var nanCheck = image.Checks[0] with { Value = double.NaN };
        var changed = report with
        {
            Models = [report.Models[0] with { Images = [image with { Checks = [nanCheck] }] }],
        };

        using var json = JsonDocument.Parse(JsonReportWriter.Render(changed));

        var value = json.RootElement.GetProperty("models")[0].GetProperty("images")[0].GetProperty("checks")[0].GetProperty("value");
        Assert.Equal(JsonValueKind.Null, value.ValueKind);
    }

    [Fact]
    public void Render_HostileText_RoundTripsExactly()
    {
        const string hostile = "<script>alert(\"x\")</script> & \u00e9\u2713";
        var report = ReportFixture.Build(shapesName: hostile);

        using var json = JsonDocument.Parse(JsonReportWriter.Render(report));

        Assert.Equal(hostile, json.RootElement.GetProperty("models")[0].GetProperty("name").GetString());
    }
}
