using ModelAudit.MSBuild;

namespace ModelAudit.MSBuild.Tests;

public class ToolOutputParserTests
{
    [Fact]
    public void Parse_CanonicalError_ReadsEveryField()
    {
        var d = ToolOutputParser.Parse("path/to/modelaudit.json(41,9): error MA1101: shapes/a.png: relevance mass 0.12 < 0.50 (gradcam at conv5)");

        Assert.NotNull(d);
        Assert.Equal(ToolSeverity.Error, d.Severity);
        Assert.Equal("path/to/modelaudit.json", d.File);
        Assert.Equal(41, d.Line);
        Assert.Equal(9, d.Column);
        Assert.Equal("MA1101", d.Code);
        Assert.Equal("shapes/a.png: relevance mass 0.12 < 0.50 (gradcam at conv5)", d.Message);
    }

    [Fact]
    public void Parse_Warning_IsWarning()
    {
        var d = ToolOutputParser.Parse("/abs/modelaudit.json(7,13): warning MA1202: shapes/b.png: mass dropped by 0.20 > 0.10");

        Assert.NotNull(d);
        Assert.Equal(ToolSeverity.Warning, d.Severity);
        Assert.Equal("/abs/modelaudit.json", d.File);
        Assert.Equal((7, 13), (d.Line, d.Column));
        Assert.Equal("MA1202", d.Code);
    }

    [Fact]
    public void Parse_Info_IsInfo()
    {
        var d = ToolOutputParser.Parse("modelaudit.json(3,5): info MA1205: shapes: no baseline yet");

        Assert.NotNull(d);
        Assert.Equal(ToolSeverity.Info, d.Severity);
        Assert.Equal("MA1205", d.Code);
    }

    [Theory]
    [InlineData("/home/me/my models/modelaudit.json(12,3): error MA1102: x", "/home/me/my models/modelaudit.json")]
    [InlineData("/home/me/models (v2)/modelaudit.json(12,3): error MA1102: x", "/home/me/models (v2)/modelaudit.json")]
    [InlineData("/srv/a(1)/b (2,3)/modelaudit.json(12,3): error MA1102: x", "/srv/a(1)/b (2,3)/modelaudit.json")]
    [InlineData(@"C:\Users\me\source\repos\App\modelaudit.json(12,3): error MA1102: x", @"C:\Users\me\source\repos\App\modelaudit.json")]
    [InlineData(@"C:\Program Files (x86)\App (old)\modelaudit.json(12,3): error MA1102: x", @"C:\Program Files (x86)\App (old)\modelaudit.json")]
    [InlineData(@"\\server\share\modelaudit.json(12,3): error MA1102: x", @"\\server\share\modelaudit.json")]
    public void Parse_PathsWithSpacesParenthesesAndDrives_KeepsTheWholePath(string line, string expectedFile)
    {
        var d = ToolOutputParser.Parse(line);

        Assert.NotNull(d);
        Assert.Equal(expectedFile, d.File);
        Assert.Equal((12, 3), (d.Line, d.Column));
        Assert.Equal("MA1102", d.Code);
        Assert.Equal("x", d.Message);
    }

    [Fact]
    public void Parse_MessageContainingAnotherLocation_FileIsTheFirst()
    {
        var d = ToolOutputParser.Parse("a.json(1,2): error MA1203: see b.json(3,4): error MA1101: earlier");

        Assert.NotNull(d);
        Assert.Equal("a.json", d.File);
        Assert.Equal((1, 2), (d.Line, d.Column));
        Assert.Equal("see b.json(3,4): error MA1101: earlier", d.Message);
    }

    [Fact]
    public void Parse_LineWithoutColumn_ColumnIsZero()
    {
        var d = ToolOutputParser.Parse("modelaudit.json(5): error MA1001: unexpected end of file");

        Assert.NotNull(d);
        Assert.Equal((5, 0), (d.Line, d.Column));
    }

    [Fact]
    public void Parse_TrailingCarriageReturn_IsNotPartOfTheMessage()
    {
        var d = ToolOutputParser.Parse("m.json(1,1): error MA1001: bad\r");

        Assert.NotNull(d);
        Assert.Equal("bad", d.Message);
    }

    [Fact]
    public void Parse_HugeLineNumber_DoesNotThrow()
    {
        var d = ToolOutputParser.Parse("m.json(99999999999999999999,1): error MA1001: bad");

        Assert.NotNull(d);
        Assert.Equal(int.MaxValue, d.Line);
    }

    [Fact]
    public void Parse_ToolOneLineError_IsAnErrorWithoutLocation()
    {
        var d = ToolOutputParser.Parse("modelaudit: error: model.onnx: not an ONNX model (offset 0)");

        Assert.NotNull(d);
        Assert.Equal(ToolSeverity.Error, d.Severity);
        Assert.Null(d.File);
        Assert.Null(d.Code);
        Assert.Equal("model.onnx: not an ONNX model (offset 0)", d.Message);
    }

    [Fact]
    public void Parse_ToolInternalError_KeepsSayingItIsInternal()
    {
        var d = ToolOutputParser.Parse("modelaudit: internal error: NullReferenceException: Object reference not set");

        Assert.NotNull(d);
        Assert.Equal(ToolSeverity.Error, d.Severity);
        Assert.Null(d.File);
        Assert.Equal("internal error: NullReferenceException: Object reference not set", d.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Run 'modelaudit --help' for usage.")]
    [InlineData("Auditing shapes: image 1 of 2")]
    [InlineData("report: /tmp/out/report.html")]
    [InlineData("shapes/a.png: relevance mass 0.12 < 0.50 (gradcam at conv5)")]
    [InlineData("modelaudit.json(41,9): fatal MA1101: not a severity")]
    [InlineData("modelaudit.json(41,9): error: no code")]
    [InlineData("modelaudit.json(a,9): error MA1101: not a number")]
    [InlineData("(41,9): error MA1101: no file")]
    public void Parse_OtherLines_AreNotDiagnostics(string line)
    {
        Assert.Null(ToolOutputParser.Parse(line));
    }
}
