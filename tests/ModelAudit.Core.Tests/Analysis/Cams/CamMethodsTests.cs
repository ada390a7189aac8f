using ModelAudit.Core.Analysis.Cams;

namespace ModelAudit.Core.Tests.Analysis.Cams;

public sealed class CamMethodsTests
{
    [Theory]
    [InlineData("gradcam", CamMethod.GradCam)]
    [InlineData("GradCAM++", CamMethod.GradCamPlusPlus)]
    [InlineData("hirescam", CamMethod.HiResCam)]
    [InlineData("xgradcam", CamMethod.XGradCam)]
    [InlineData("layercam", CamMethod.LayerCam)]
    [InlineData("eigencam", CamMethod.EigenCam)]
    [InlineData("scorecam", CamMethod.ScoreCam)]
    [InlineData("ablationcam", CamMethod.AblationCam)]
    public void Parse_KnownName_ReturnsMethodAndRoundTrips(string name, CamMethod expected)
    {
        Assert.Equal(expected, CamMethods.Parse(name));
        Assert.Equal(name.ToLowerInvariant(), CamMethods.Name(expected));
    }

    [Fact]
    public void Parse_UnknownName_ListsTheKnownOnes()
    {
        var error = Assert.Throws<ModelAuditException>(() => CamMethods.Parse("gradcam+"));

        Assert.Contains("'gradcam+'", error.Message, StringComparison.Ordinal);
        Assert.Contains("gradcam++, hirescam", error.Message, StringComparison.Ordinal);
    }
}
