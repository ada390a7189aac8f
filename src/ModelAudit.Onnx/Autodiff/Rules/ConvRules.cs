namespace ModelAudit.Onnx.Autodiff.Rules;

/// <summary>Conv and ConvTranspose, each the other's adjoint (input gradients only, never weights).</summary>
internal static class ConvRules
{
    public static string?[] Conv(GradientContext c)
    {
        var x = c.InShape(0);
        var y = c.OutShape(0);
        var w = c.InShape(1);
        var geometry = ConvGeometry.ForWindow(c.Node, w[2..], x[2..], y[2..]);
        var group = c.Node.Int("group", 1);
        var asConv = ConvDataGradient.TryAsConv(c, geometry, x[2..], y[2..], group);
        if (asConv is not null)
        {
            return c.First(asConv);
        }

        var attributes = geometry.TransposeAttributes(x[2..], y[2..], group);
        return c.First(c.E.Op("ConvTranspose", [c.Dy, c.In(1)], attributes));
    }

    public static string?[] ConvTranspose(GradientContext c)
    {
        var e = c.E;
        var x = c.InShape(0)[2..];
        var y = c.OutShape(0)[2..];
        var geometry = ConvGeometry.ForTranspose(c.Node, c.InShape(1)[2..], x, y);
        var n = geometry.Rank;
        var dy = c.Dy;
        var endPads = new long[n];
        var cropAxes = new List<long>();
        var cropEnds = new List<long>();
        for (var i = 0; i < n; i++)
        {
            // The end padding that makes the Conv produce exactly x[i] outputs; output positions no input reaches
            // (a large output_padding) are cropped from dY instead, since Conv pads cannot be negative.
            var end = ((x[i] - 1) * geometry.Strides[i]) + ConvGeometry.Extent(geometry.Kernel[i], geometry.Dilations[i]) - y[i] - geometry.PadBegin[i];
            if (end < 0)
            {
                cropAxes.Add(i + 2);
                cropEnds.Add(y[i] + end);
                end = 0;
            }

            endPads[i] = end;
        }

        if (cropAxes.Count > 0)
        {
            dy = e.Op("Slice", [dy, e.Ints(new long[cropAxes.Count]), e.Ints([.. cropEnds]), e.Ints([.. cropAxes])]);
        }

        var dx = e.Op(
            "Conv",
            [dy, c.In(1)],
            Attr.Ints("kernel_shape", geometry.Kernel),
            Attr.Ints("strides", geometry.Strides),
            Attr.Ints("dilations", geometry.Dilations),
            Attr.Ints("pads", [.. geometry.PadBegin, .. endPads]),
            Attr.Int("group", c.Node.Int("group", 1)));
        return c.First(dx);
    }
}
