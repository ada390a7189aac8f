using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Tests.Preprocessing;

public sealed class PreprocessResolverTests
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    [Fact]
    public void Resolve_FixedNchwShape_TakesSizeAndLayoutFromTheShape()
    {
        var spec = PreprocessResolver.Resolve(PreprocessOverrides.None, "x", [-1, 3, 48, 192], NoMetadata, "m.onnx");

        Assert.Equal((192, 48, TensorLayout.Nchw, 3), (spec.Width, spec.Height, spec.Layout, spec.ChannelCount));
        Assert.Equal(1f / 255f, spec.Scale);
    }

    [Fact]
    public void Resolve_NhwcShape_InfersNhwc()
    {
        var spec = PreprocessResolver.Resolve(PreprocessOverrides.None, "x", [1, 224, 224, 3], NoMetadata, "m.onnx");

        Assert.Equal(TensorLayout.Nhwc, spec.Layout);
    }

    [Fact]
    public void Resolve_DynamicSizeWithoutSize_ThrowsNamingInputAndFlag()
    {
        var e = Assert.Throws<ModelAuditException>(() =>
            PreprocessResolver.Resolve(PreprocessOverrides.None, "images", [-1, 3, -1, -1], NoMetadata, "m.onnx"));

        Assert.Contains("'images'", e.Message);
        Assert.Contains("--size", e.Message);
    }

    [Fact]
    public void Resolve_SizeThatContradictsFixedShape_Throws()
    {
        var given = new PreprocessOverrides { Width = 100, Height = 100 };

        var e = Assert.Throws<ModelAuditException>(() => PreprocessResolver.Resolve(given, "x", [1, 3, 48, 192], NoMetadata, "m.onnx"));

        Assert.Contains("192x48", e.Message);
    }

    [Fact]
    public void Resolve_WindowsMlMetadata_SetsChannelOrderAndRange()
    {
        var metadata = new Dictionary<string, string>
        {
            ["Image.BitmapPixelFormat"] = "Bgr8",
            ["Image.NominalPixelRange"] = "Normalized_1_1",
        };

        var spec = PreprocessResolver.Resolve(PreprocessOverrides.None, "x", [1, 3, 8, 8], metadata, "m.onnx");

        Assert.Equal(ChannelOrder.Bgr, spec.Channels);
        // Normalized_1_1 maps pixel 0 to -1 and 255 to +1.
        Assert.Equal(-1f, (0 * spec.Scale) - spec.Mean[0], 5);
        Assert.Equal(1f, (255 * spec.Scale) - spec.Mean[0], 5);
    }

    [Fact]
    public void Resolve_GivenSettingsBeatMetadata()
    {
        var metadata = new Dictionary<string, string> { ["Image.BitmapPixelFormat"] = "Bgr8" };
        var given = new PreprocessOverrides { Channels = ChannelOrder.Rgb };

        var spec = PreprocessResolver.Resolve(given, "x", [1, 3, 8, 8], metadata, "m.onnx");

        Assert.Equal(ChannelOrder.Rgb, spec.Channels);
    }

    [Fact]
    public void Resolve_UnknownPixelFormat_ThrowsNamingTheKey()
    {
        var metadata = new Dictionary<string, string> { ["Image.BitmapPixelFormat"] = "Cmyk" };

        var e = Assert.Throws<ModelAuditException>(() => PreprocessResolver.Resolve(PreprocessOverrides.None, "x", [1, 3, 8, 8], metadata, "m.onnx"));

        Assert.Contains("Image.BitmapPixelFormat", e.Message);
    }

    [Fact]
    public void Resolve_ZeroStd_Throws()
    {
        var given = new PreprocessOverrides { Std = [1f, 0f, 1f] };

        Assert.Throws<ModelAuditException>(() => PreprocessResolver.Resolve(given, "x", [1, 3, 8, 8], NoMetadata, "m.onnx"));
    }
}
