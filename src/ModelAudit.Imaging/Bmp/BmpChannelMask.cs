using System.Numerics;

namespace ModelAudit.Imaging.Bmp;

/// <summary>One channel's bit mask in a 16/32-bit pixel, scaled to 0..255 with rounding.</summary>
internal readonly record struct BmpChannelMask(uint Mask)
{
    public bool IsPresent => Mask != 0;

    private int Shift => BitOperations.TrailingZeroCount(Mask);

    private uint Max => Mask >> Shift;

    public byte Extract(uint pixel, byte absent = 255)
    {
        if (Mask == 0)
        {
            return absent;
        }

        var value = (pixel & Mask) >> Shift;
        return (byte)(((value * 255) + (Max / 2)) / Max);
    }
}
