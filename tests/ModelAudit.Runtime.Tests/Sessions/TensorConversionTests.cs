using System.Runtime.InteropServices;
using ModelAudit.Runtime.Sessions;

namespace ModelAudit.Runtime.Tests.Sessions;

public class TensorConversionTests
{
    [Fact]
    public void ToFloat_Int64_ConvertsEachValue()
    {
        long[] source = [-3, 0, 1L << 20];

        Assert.Equal(new float[] { -3, 0, 1 << 20 }, TensorConversion.ToFloat(MemoryMarshal.AsBytes(source.AsSpan()), 3, TensorElementType.Int64, "o", "m"));
    }

    [Fact]
    public void ToFloat_Bool_IsZeroOrOne()
    {
        byte[] source = [1, 0, 1];

        Assert.Equal(new float[] { 1, 0, 1 }, TensorConversion.ToFloat(MemoryMarshal.AsBytes(source.AsSpan()), 3, TensorElementType.Bool, "o", "m"));
    }

    [Fact]
    public void ToFloat_Float16_WidensExactly()
    {
        Half[] source = [(Half)0.5f, (Half)(-2f)];

        Assert.Equal(new float[] { 0.5f, -2f }, TensorConversion.ToFloat(MemoryMarshal.AsBytes(source.AsSpan()), 2, TensorElementType.Float16, "o", "m"));
    }

    [Fact]
    public void ToFloat_String_ThrowsNamingOutputAndModel()
    {
        var error = Assert.Throws<OrtException>(() => TensorConversion.ToFloat([], 1, TensorElementType.String, "labels", "m.onnx"));

        Assert.Contains("Output 'labels' of m.onnx has element type String", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToInputArray_UInt8_RoundsAndClamps()
    {
        var bytes = (byte[])TensorConversion.ToInputArray([-5f, 1.6f, 300f], TensorElementType.UInt8, "x", "m");

        Assert.Equal(new byte[] { 0, 2, 255 }, bytes);
    }

    [Fact]
    public void ToInputArray_Float_IsTheCallersArrayWithoutCopy()
    {
        float[] data = [1, 2];

        Assert.Same(data, TensorConversion.ToInputArray(data, TensorElementType.Float, "x", "m"));
    }

    [Fact]
    public void ToInputArray_String_ThrowsNamingTheInput()
    {
        var error = Assert.Throws<OrtException>(() => TensorConversion.ToInputArray([1], TensorElementType.String, "labels", "m.onnx"));

        Assert.Contains("Input 'labels' of m.onnx has element type String", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToInputArray_BoolAndFloat16_NonZeroIsTrueAndHalvesRoundTrip()
    {
        // Gradient models take masks and fp16 activations computed by a forward run (read back as floats).
        Assert.Equal(new[] { true, false, true }, (bool[])TensorConversion.ToInputArray([2f, 0f, -1f], TensorElementType.Bool, "m", "m"));
        Assert.Equal(new[] { (Half)0.5f, (Half)(-3f) }, (Half[])TensorConversion.ToInputArray([0.5f, -3f], TensorElementType.Float16, "h", "m"));
    }
}
