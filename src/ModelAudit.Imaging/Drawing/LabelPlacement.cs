namespace ModelAudit.Imaging.Drawing;

/// <summary>Where a grid draws each tile's label.</summary>
public enum LabelPlacement
{
    /// <summary>In a band under the tile, in black or white, whichever reads better on the background.</summary>
    Below,

    /// <summary>On the tile's top-left corner, white on a black box, taking no extra space.</summary>
    Over,
}
