namespace ModelAudit.Imaging.Jpeg;

/// <summary>
/// Brings a subsampled component to full size the way libjpeg-turbo does by default: the triangle
/// ("fancy") filter for 2x1, 1x2 and 2x2, replication for other integral ratios and for planes two
/// samples wide or less. Rows above the first and below the last repeat the edge row, as libjpeg's
/// context rows do.
/// </summary>
internal static class Upsampler
{
    public static byte[] ToFullSize(ComponentPlane plane, int hRatio, int vRatio, int width, int height)
    {
        var output = new byte[width * height];
        var wideOut = plane.Width * hRatio;
        var row = new byte[wideOut];
        for (var y = 0; y < height; y++)
        {
            var inRow = y / vRatio;
            if (hRatio == 2 && vRatio == 2 && plane.Width > 2)
            {
                var neighbour = (y & 1) == 0 ? inRow - 1 : inRow + 1;
                H2V2Row(plane.Row(inRow), plane.Row(Math.Clamp(neighbour, 0, plane.Height - 1)), row);
            }
            else if (hRatio == 1 && vRatio == 2)
            {
                var neighbour = (y & 1) == 0 ? inRow - 1 : inRow + 1;
                H1V2Row(plane.Row(inRow), plane.Row(Math.Clamp(neighbour, 0, plane.Height - 1)), row, (y & 1) == 0 ? 1 : 2);
            }
            else if (hRatio == 2 && vRatio == 1 && plane.Width > 2)
            {
                H2V1Row(plane.Row(inRow), row);
            }
            else
            {
                ReplicateRow(plane.Row(inRow), row, hRatio);
            }

            row.AsSpan(0, width).CopyTo(output.AsSpan(y * width, width));
        }

        return output;
    }

    private static void H2V1Row(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var n = input.Length;
        output[0] = input[0];
        output[1] = (byte)(((input[0] * 3) + input[1] + 2) >> 2);
        for (var i = 1; i < n - 1; i++)
        {
            var near = input[i] * 3;
            output[2 * i] = (byte)((near + input[i - 1] + 1) >> 2);
            output[(2 * i) + 1] = (byte)((near + input[i + 1] + 2) >> 2);
        }

        output[(2 * n) - 2] = (byte)(((input[n - 1] * 3) + input[n - 2] + 1) >> 2);
        output[(2 * n) - 1] = input[n - 1];
    }

    private static void H1V2Row(ReadOnlySpan<byte> nearRow, ReadOnlySpan<byte> farRow, Span<byte> output, int bias)
    {
        for (var i = 0; i < nearRow.Length; i++)
        {
            output[i] = (byte)(((nearRow[i] * 3) + farRow[i] + bias) >> 2);
        }
    }

    // Vertical 3:1 column sums first, then the horizontal 3:1 blend; biases 8 and 7 alternate as in libjpeg.
    private static void H2V2Row(ReadOnlySpan<byte> nearRow, ReadOnlySpan<byte> farRow, Span<byte> output)
    {
        var n = nearRow.Length;
        var thisSum = (nearRow[0] * 3) + farRow[0];
        var nextSum = (nearRow[1] * 3) + farRow[1];
        output[0] = (byte)(((thisSum * 4) + 8) >> 4);
        output[1] = (byte)(((thisSum * 3) + nextSum + 7) >> 4);
        var lastSum = thisSum;
        thisSum = nextSum;
        for (var i = 1; i < n - 1; i++)
        {
            nextSum = (nearRow[i + 1] * 3) + farRow[i + 1];
            output[2 * i] = (byte)(((thisSum * 3) + lastSum + 8) >> 4);
            output[(2 * i) + 1] = (byte)(((thisSum * 3) + nextSum + 7) >> 4);
            lastSum = thisSum;
            thisSum = nextSum;
        }

        output[(2 * n) - 2] = (byte)(((thisSum * 3) + lastSum + 8) >> 4);
        output[(2 * n) - 1] = (byte)(((thisSum * 4) + 7) >> 4);
    }

    private static void ReplicateRow(ReadOnlySpan<byte> input, Span<byte> output, int hRatio)
    {
        for (var i = 0; i < input.Length; i++)
        {
            output.Slice(i * hRatio, hRatio).Fill(input[i]);
        }
    }
}
