using ModelAudit.Core.Analysis.Filters;
using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Tests.Analysis.Filters;

public sealed class InputSpaceTests
{
    [Fact]
    public void Deprocess_GreyImage_CentersToStdPointOneAroundHalfAndTruncates()
    {
        // Pixels [0, 0, 0, 4]: mean 1, std sqrt(3). (0 - 1) / sqrt(3) * 0.1 + 0.5 = 0.44226 -> 112.78 -> 112;
        // (4 - 1) / sqrt(3) * 0.1 + 0.5 = 0.67321 -> 171.67 -> 171 (astype('uint8') truncates).
        var spec = new PreprocessSpec { Width = 4, Height = 1, ChannelCount = 1, Mean = [0.5f], Std = [0.25f] };
        var space = new InputSpace(spec, "m.onnx");
        float[] pixels = [0, 0, 0, 4];
        var tensor = pixels.Select(p => space.ToTensor(p, 0)).ToArray();

        var image = space.Deprocess(tensor);

        Assert.Equal(new byte[] { 112, 112, 112, 255, 112, 112, 112, 255, 112, 112, 112, 255, 171, 171, 171, 255 }, image.Pixels);
    }

    [Fact]
    public void Deprocess_BgrModel_PutsTensorChannelZeroIntoBlue()
    {
        // One pixel, tensor channels (b, g, r) = pixels (0, 0, 4): mean 4/3, std sqrt(32)/3.
        var spec = new PreprocessSpec { Width = 1, Height = 1, Channels = ChannelOrder.Bgr };
        var space = new InputSpace(spec, "m.onnx");

        var image = space.Deprocess([space.ToTensor(0, 0), space.ToTensor(0, 1), space.ToTensor(4, 2)]);

        var low = (byte)(((-4.0 / 3 / (Math.Sqrt(32) / 3) * 0.1) + 0.5) * 255);
        var high = (byte)(((8.0 / 3 / (Math.Sqrt(32) / 3) * 0.1) + 0.5) * 255);
        Assert.Equal(new byte[] { high, low, low, 255 }, image.Pixels);
    }

    [Fact]
    public void PixelLevel_IsScaleOverStd()
    {
        var spec = new PreprocessSpec { Width = 1, Height = 1, Scale = 0.5f, Mean = [1f, 2f, 3f], Std = [2f, 4f, 8f] };
        var space = new InputSpace(spec, "m.onnx");

        Assert.Equal(0.125f, space.PixelLevel(1));
        Assert.Equal(space.ToTensor(11f, 2) - space.ToTensor(10f, 2), space.PixelLevel(2), 6);
        Assert.Equal(10f, space.ToPixel(space.ToTensor(10f, 0), 0), 5);
    }

    [Fact]
    public void Constructor_ZeroScale_ThrowsNamingTheModel()
    {
        var e = Assert.Throws<ModelAuditException>(() => new InputSpace(new PreprocessSpec { Width = 1, Height = 1, Scale = 0f }, "m.onnx"));

        Assert.Contains("m.onnx", e.Message, StringComparison.Ordinal);
    }
}
