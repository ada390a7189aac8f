using ModelAudit.Onnx.Building;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx;

/// <summary>The typed operators of <see cref="ModelBuilder"/>: each adds its weights and computes its output shape.</summary>
public sealed partial class ModelBuilder
{
    /// <summary>2-D convolution; null weights/bias are drawn He-uniform from the seed. Needs the input's channel count.</summary>
    public string Conv(string x, int outChannels, int kernel, int stride = 1, int pad = 0, string? name = null,
        float[]? weights = null, float[]? bias = null, int group = 1, int dilation = 1, bool hasBias = true)
    {
        var input = ShapeOrThrow(x, "Conv needs the input channel count");
        if (input.Length != 4 || input[1].Value is not { } inChannels)
        {
            throw new ArgumentException($"Conv input '{x}' must be NCHW with a known channel count, not {new OnnxShape(input)}", nameof(x));
        }

        if (group < 1 || inChannels % group != 0 || outChannels % group != 0)
        {
            throw new ArgumentException($"group {group} must divide the input ({inChannels}) and output ({outChannels}) channels", nameof(group));
        }

        var node = NewName("Conv", name);
        var perGroup = inChannels / group;
        long[] wShape = [outChannels, perGroup, kernel, kernel];
        var fanIn = perGroup * kernel * kernel;
        var w = Initializer(node + ".weight", weights ?? init.HeUniform(outChannels * fanIn, fanIn), wShape);
        List<string> inputNames = [x, w];
        if (hasBias || bias is not null)
        {
            inputNames.Add(Initializer(node + ".bias", bias ?? init.Bias(outChannels, fanIn), outChannels));
        }

        OnnxDim[] shape =
        [
            input[0],
            OnnxDim.Known(outChannels),
            ShapeRules.Window(input[2], kernel, stride, pad, pad, dilation),
            ShapeRules.Window(input[3], kernel, stride, pad, pad, dilation),
        ];
        return Add("Conv", node, inputNames, shape,
        [
            Attributes.Create("kernel_shape", new long[] { kernel, kernel }),
            Attributes.Create("strides", new long[] { stride, stride }),
            Attributes.Create("pads", new long[] { pad, pad, pad, pad }),
            Attributes.Create("dilations", new long[] { dilation, dilation }),
            Attributes.Create("group", (long)group),
        ]);
    }

    public string MaxPool(string x, int kernel, int stride, int pad = 0, string? name = null) => Pool("MaxPool", x, kernel, stride, pad, name);

    public string AveragePool(string x, int kernel, int stride, int pad = 0, string? name = null) => Pool("AveragePool", x, kernel, stride, pad, name);

    public string GlobalAveragePool(string x, string? name = null)
    {
        var input = ShapeOrThrow(x, "GlobalAveragePool keeps N and C");
        var shape = input.Select((d, i) => i < 2 ? d : OnnxDim.Known(1)).ToArray();
        return Add("GlobalAveragePool", NewName("GlobalAveragePool", name), [x], shape, []);
    }

    /// <summary>Fully connected layer Y = X * W^T + b on [N, K] input; W is stored [outFeatures, K] (transB = 1).</summary>
    public string Gemm(string x, int outFeatures, float[]? weights = null, float[]? bias = null, string? name = null)
    {
        var input = ShapeOrThrow(x, "Gemm needs the input feature count");
        if (input.Length != 2 || input[1].Value is not { } inFeatures)
        {
            throw new ArgumentException($"Gemm input '{x}' must be [N, K] with known K, not {new OnnxShape(input)}", nameof(x));
        }

        var node = NewName("Gemm", name);
        var w = Initializer(node + ".weight", weights ?? init.HeUniform(outFeatures * inFeatures, inFeatures), outFeatures, inFeatures);
        var b = Initializer(node + ".bias", bias ?? init.Bias(outFeatures, inFeatures), outFeatures);
        return Add("Gemm", node, [x, w, b], [input[0], OnnxDim.Known(outFeatures)], [Attributes.Create("transB", 1L)]);
    }

    /// <summary>Matrix product of two values (numpy matmul semantics).</summary>
    public string MatMul(string a, string b, string? name = null)
    {
        var shape = shapes.TryGetValue(a, out var sa) && shapes.TryGetValue(b, out var sb) ? ShapeRules.MatMul(sa, sb) : null;
        return Add("MatMul", NewName("MatMul", name), [a, b], shape, []);
    }

    /// <summary>Matrix product with a constant [K, outFeatures] weight (given or seeded).</summary>
    public string MatMul(string a, int outFeatures, float[]? weights = null, string? name = null)
    {
        var input = ShapeOrThrow(a, "MatMul needs the inner dimension");
        if (input.Length == 0 || input[^1].Value is not { } k)
        {
            throw new ArgumentException($"MatMul input '{a}' needs a known last dimension, not {new OnnxShape(input)}", nameof(a));
        }

        var node = NewName("MatMul", name);
        var w = Initializer(node + ".weight", weights ?? init.HeUniform(k * outFeatures, k), k, outFeatures);
        return Add("MatMul", node, [a, w], ShapeRules.MatMul(input, shapes[w]), []);
    }

    /// <summary>Inference-mode batch normalization over channel axis 1; null statistics are seeded (variance positive).</summary>
    public string BatchNormalization(string x, float[]? scale = null, float[]? bias = null, float[]? mean = null,
        float[]? variance = null, float epsilon = 1e-5f, string? name = null)
    {
        var input = ShapeOrThrow(x, "BatchNormalization needs the channel count");
        if (input.Length < 2 || input[1].Value is not { } channels)
        {
            throw new ArgumentException($"BatchNormalization input '{x}' needs a known channel count, not {new OnnxShape(input)}", nameof(x));
        }

        var node = NewName("BatchNormalization", name);
        var s = Initializer(node + ".scale", scale ?? init.Between(channels, 0.5, 1.5), channels);
        var b = Initializer(node + ".bias", bias ?? init.Between(channels, -0.1, 0.1), channels);
        var m = Initializer(node + ".mean", mean ?? init.Between(channels, -0.1, 0.1), channels);
        var v = Initializer(node + ".var", variance ?? init.Between(channels, 0.5, 1.5), channels);
        return Add("BatchNormalization", node, [x, s, b, m, v], input.ToArray(), [Attributes.Create("epsilon", epsilon)]);
    }

    public string Relu(string x, string? name = null) => Unary("Relu", x, name, []);

    public string Sigmoid(string x, string? name = null) => Unary("Sigmoid", x, name, []);

    public string HardSigmoid(string x, float alpha = 0.2f, float beta = 0.5f, string? name = null) =>
        Unary("HardSigmoid", x, name, [Attributes.Create("alpha", alpha), Attributes.Create("beta", beta)]);

    public string Softmax(string x, int axis = -1, string? name = null) => Unary("Softmax", x, name, [Attributes.Create("axis", (long)axis)]);

    public string LogSoftmax(string x, int axis = -1, string? name = null) => Unary("LogSoftmax", x, name, [Attributes.Create("axis", (long)axis)]);

    /// <summary>Clip to [min, max]: attributes before opset 11, constant inputs from 11 on.</summary>
    public string Clip(string x, float min, float max, string? name = null)
    {
        var node = NewName("Clip", name);
        if (Opset < 11)
        {
            return Add("Clip", node, [x], ShapeOf(x)?.Dims.ToArray(), [Attributes.Create("min", min), Attributes.Create("max", max)]);
        }

        var lo = Initializer(node + ".min", [min]);
        var hi = Initializer(node + ".max", [max]);
        return Add("Clip", node, [x, lo, hi], ShapeOf(x)?.Dims.ToArray(), []);
    }

    public string Add(string a, string b, string? name = null) => Binary("Add", a, b, name);

    public string Sub(string a, string b, string? name = null) => Binary("Sub", a, b, name);

    public string Mul(string a, string b, string? name = null) => Binary("Mul", a, b, name);

    public string Div(string a, string b, string? name = null) => Binary("Div", a, b, name);

    public string Concat(int axis, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfZero(values.Length);
        var known = values.All(shapes.ContainsKey);
        var shape = known ? ShapeRules.Concat(values.Select(v => (IReadOnlyList<OnnxDim>)shapes[v]).ToArray(), axis) : null;
        return Add("Concat", NewName("Concat", null), values, shape, [Attributes.Create("axis", (long)axis)]);
    }

    public string Flatten(string x, int axis = 1, string? name = null)
    {
        var shape = shapes.TryGetValue(x, out var input) ? ShapeRules.Flatten(input, axis) : null;
        return Add("Flatten", NewName("Flatten", name), [x], shape, [Attributes.Create("axis", (long)axis)]);
    }

    /// <summary>Reshape to a constant target (0 copies the input dimension, -1 takes the rest).</summary>
    public string Reshape(string x, long[] shape, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var node = NewName("Reshape", name);
        var target = Int64Initializer(node + ".shape", shape, shape.Length);
        var output = shapes.TryGetValue(x, out var input) ? ShapeRules.Reshape(input, shape) : null;
        return Add("Reshape", node, [x, target], output, []);
    }

    private string Pool(string opType, string x, int kernel, int stride, int pad, string? name)
    {
        var input = ShapeOrThrow(x, opType + " needs a 4-D input");
        if (input.Length != 4)
        {
            throw new ArgumentException($"{opType} input '{x}' must be NCHW, not {new OnnxShape(input)}", nameof(x));
        }

        OnnxDim[] shape =
        [
            input[0],
            input[1],
            ShapeRules.Window(input[2], kernel, stride, pad, pad),
            ShapeRules.Window(input[3], kernel, stride, pad, pad),
        ];
        return Add(opType, NewName(opType, name), [x], shape,
        [
            Attributes.Create("kernel_shape", new long[] { kernel, kernel }),
            Attributes.Create("strides", new long[] { stride, stride }),
            Attributes.Create("pads", new long[] { pad, pad, pad, pad }),
        ]);
    }

    private string Unary(string opType, string x, string? name, AttributeProto[] attributes) =>
        Add(opType, NewName(opType, name), [x], ShapeOf(x)?.Dims.ToArray(), attributes);

    private string Binary(string opType, string a, string b, string? name)
    {
        var shape = shapes.TryGetValue(a, out var sa) && shapes.TryGetValue(b, out var sb) ? ShapeRules.Broadcast(sa, sb) : null;
        return Add(opType, NewName(opType, name), [a, b], shape, []);
    }
}
