using ModelAudit.Core.Audit.Layers;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;

namespace ModelAudit.Core.Tests.Audit.Layers;

public sealed class ImageScaleTests
{
    /// <summary>The preprocessor's own placement is the truth: the layer is chosen from sizes, the maps are made from pixels.</summary>
    [Theory]
    [InlineData(ResizeMode.Stretch)]
    [InlineData(ResizeMode.Letterbox)]
    [InlineData(ResizeMode.Pad)]
    [InlineData(ResizeMode.CenterCrop)]
    public void Of_EveryResizeMode_EqualsThePreprocessorsPlacement(ResizeMode mode)
    {
        var spec = new PreprocessSpec { Width = 32, Height = 24, Resize = mode };
        foreach (var (w, h) in new[] { (64, 48), (30, 90), (7, 5), (200, 10), (32, 24), (1, 1), (500, 3) })
        {
            var (_, placement) = Preprocessor.Fit(new Image(w, h), spec);

            var (x, y) = ImageScale.Of(w, h, spec);

            Assert.Equal(placement.ScaleX, x, 12);
            Assert.Equal(placement.ScaleY, y, 12);
        }
    }
}
