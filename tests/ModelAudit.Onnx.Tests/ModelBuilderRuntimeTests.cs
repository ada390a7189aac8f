using ModelAudit.Runtime;

namespace ModelAudit.Onnx.Tests;

/// <summary>Built models run on ONNX Runtime, which is the independent judge of their validity and shapes.</summary>
public sealed class ModelBuilderRuntimeTests
{
    [Theory]
    [InlineData(9)]
    [InlineData(11)]
    [InlineData(13)]
    public void Run_MixedNetwork_EveryRuntimeShapeMatchesDeclared(long opset)
    {
        var b = new ModelBuilder(opset, seed: 4);
        var x = b.Input("x", 2, 3, 9, 9);
        var c = b.BatchNormalization(b.Conv(x, 6, kernel: 3, stride: 2, pad: 1, group: 3, dilation: 2), name: "bn");
        var a = b.AveragePool(b.HardSigmoid(c), kernel: 2, stride: 2);
        var m = b.MaxPool(b.Sigmoid(c), kernel: 2, stride: 2);
        var cat = b.Concat(1, a, b.Relu(m));
        var mixed = b.Mul(b.Add(cat, b.GlobalAveragePool(cat)), b.Clip(cat, 0, 6));
        var flat = b.Flatten(mixed, 1);
        var r = b.Reshape(b.Gemm(flat, 8), [0, 2, -1]);
        b.Output(b.Softmax(b.MatMul(r, 3), axis: -1, name: "out"));
        var model = b.Build();
        var values = model.Graph.Nodes.SelectMany(n => n.Outputs).Where(v => v != "out").ToArray();
        var exposed = model.WithOutputs(values);

        using var session = InferenceSession.Open(exposed.ToBytes(), "mixed.onnx");
        var input = new FloatTensor(Enumerable.Range(0, 2 * 3 * 9 * 9).Select(i => (i % 17) / 17f).ToArray(), 2, 3, 9, 9);
        var names = exposed.Graph.Outputs.Select(o => o.Name).ToArray();
        var results = session.Run(new Dictionary<string, FloatTensor> { ["x"] = input }, names);

        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(model.Graph.DeclaredShapes[names[i]].ToArray(), results[i].Shape);
        }

        var probabilities = results[0].Data;
        Assert.Equal(1.0, probabilities.Take(3).Sum(), 4);
    }

    [Fact]
    public void Run_ConvWithGivenWeights_MatchesDirectConvolution()
    {
        var weights = Enumerable.Range(0, 2 * 2 * 3 * 3).Select(i => ((i * 7) % 5) - 2f).ToArray();
        float[] bias = [0.5f, -1f];
        var b = new ModelBuilder(seed: 1);
        b.Output(b.Conv(b.Input("x", 1, 2, 5, 5), 2, kernel: 3, stride: 2, pad: 1, name: "c", weights: weights, bias: bias));
        var data = Enumerable.Range(0, 2 * 5 * 5).Select(i => (float)((i * 3) % 11)).ToArray();

        using var session = InferenceSession.Open(b.ToBytes(), "conv.onnx");
        var y = session.Run(new Dictionary<string, FloatTensor> { ["x"] = new FloatTensor(data, 1, 2, 5, 5) }, ["c"])[0];

        Assert.Equal([1L, 2, 3, 3], y.Shape);
        var expected = DirectConv(data, weights, bias, channels: 2, size: 5, outChannels: 2, kernel: 3, stride: 2, pad: 1);
        Assert.Equal(expected, y.Data);
    }

    // The textbook definition: y[o,i,j] = b[o] + sum over c,u,v of w[o,c,u,v] * x[c, i*s+u-p, j*s+v-p].
    private static float[] DirectConv(float[] x, float[] w, float[] b, int channels, int size, int outChannels, int kernel, int stride, int pad)
    {
        var outSize = ((size + (2 * pad) - kernel) / stride) + 1;
        var y = new float[outChannels * outSize * outSize];
        for (var o = 0; o < outChannels; o++)
        {
            for (var i = 0; i < outSize; i++)
            {
                for (var j = 0; j < outSize; j++)
                {
                    var sum = b[o];
                    for (var c = 0; c < channels; c++)
                    {
                        for (var u = 0; u < kernel; u++)
                        {
                            for (var v = 0; v < kernel; v++)
                            {
                                var row = (i * stride) + u - pad;
                                var col = (j * stride) + v - pad;
                                if (row >= 0 && row < size && col >= 0 && col < size)
                                {
                                    sum += w[(((o * channels) + c) * kernel + u) * kernel + v] * x[(((c * size) + row) * size) + col];
                                }
                            }
                        }
                    }

                    y[(((o * outSize) + i) * outSize) + j] = sum;
                }
            }
        }

        return y;
    }
}
