namespace ModelAudit.Core.Preprocessing;

/// <summary>How an image is fitted into the model's input size.</summary>
public enum ResizeMode
{
    /// <summary>Scale both axes to the target size, ignoring the aspect ratio.</summary>
    Stretch,

    /// <summary>Keep the aspect ratio, center the image, pad the borders.</summary>
    Letterbox,

    /// <summary>
    /// Full target height, width by the aspect ratio up to the target width, anchored top-left and padded on
    /// the right: exactly how PaddleOCR feeds its text classifier (lines wider than the target are squeezed).
    /// </summary>
    Pad,

    /// <summary>Scale the shorter side to the target, then cut the center.</summary>
    CenterCrop,
}

public enum ChannelOrder
{
    Rgb,
    Bgr,
}

public enum TensorLayout
{
    Nchw,
    Nhwc,
}
