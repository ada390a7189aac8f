namespace ModelAudit.Core.Preprocessing;

/// <summary>
/// Where the original image landed in the input tensor: tensor pixel = image pixel * scale + offset.
/// Lets a heatmap computed in tensor space be mapped back onto the original picture.
/// </summary>
public sealed record ImagePlacement(int ImageWidth, int ImageHeight, int TensorWidth, int TensorHeight,
    double ScaleX, double ScaleY, double OffsetX, double OffsetY)
{
    /// <summary>The rectangle of tensor pixels that show the image (clipped to the tensor).</summary>
    public (int X, int Y, int Width, int Height) ContentRect
    {
        get
        {
            var x0 = Math.Max(0, (int)Math.Floor(OffsetX));
            var y0 = Math.Max(0, (int)Math.Floor(OffsetY));
            var x1 = Math.Min(TensorWidth, (int)Math.Ceiling(OffsetX + (ImageWidth * ScaleX)));
            var y1 = Math.Min(TensorHeight, (int)Math.Ceiling(OffsetY + (ImageHeight * ScaleY)));
            return (x0, y0, Math.Max(1, x1 - x0), Math.Max(1, y1 - y0));
        }
    }
}
