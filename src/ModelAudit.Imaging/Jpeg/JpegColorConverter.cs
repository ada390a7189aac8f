namespace ModelAudit.Imaging.Jpeg;

/// <summary>
/// Turns full-size component planes into RGBA with libjpeg's fixed-point YCbCr equations (16 fraction bits,
/// tables rounded as in jdcolor.c). Four-component Adobe files are stored inverted, so C*K/255 rounded is
/// already the red level (djpeg's own CMYK to RGB rule); YCCK is YCbCr-decoded to inverted CMY first.
/// </summary>
internal static class JpegColorConverter
{
    private const int ScaleBits = 16;
    private const int Half = 1 << (ScaleBits - 1);
    private static readonly int[] CrToR = Table(1.40200, Half);
    private static readonly int[] CbToB = Table(1.77200, Half);
    private static readonly int[] CrToG = Table(-0.71414, Half, shift: false);
    private static readonly int[] CbToG = Table(-0.34414, 0, shift: false);

    public static byte[] ToRgba(byte[][] planes, JpegColorSpace space, int pixels)
    {
        var rgba = new byte[pixels * 4];
        for (var i = 0; i < pixels; i++)
        {
            byte r, g, b;
            switch (space)
            {
                case JpegColorSpace.Grey:
                    r = g = b = planes[0][i];
                    break;
                case JpegColorSpace.Rgb:
                    (r, g, b) = (planes[0][i], planes[1][i], planes[2][i]);
                    break;
                case JpegColorSpace.YCbCr:
                    (r, g, b) = FromYCbCr(planes[0][i], planes[1][i], planes[2][i]);
                    break;
                case JpegColorSpace.Cmyk:
                    (r, g, b) = FromInvertedCmyk(planes[0][i], planes[1][i], planes[2][i], planes[3][i]);
                    break;
                default:
                    var (c, m, y) = FromYCbCr(planes[0][i], planes[1][i], planes[2][i]);
                    (r, g, b) = FromInvertedCmyk((byte)(255 - c), (byte)(255 - m), (byte)(255 - y), planes[3][i]);
                    break;
            }

            rgba[4 * i] = r;
            rgba[(4 * i) + 1] = g;
            rgba[(4 * i) + 2] = b;
            rgba[(4 * i) + 3] = 255;
        }

        return rgba;
    }

    private static (byte R, byte G, byte B) FromYCbCr(int y, int cb, int cr) =>
        (Clamp(y + CrToR[cr]), Clamp(y + ((CbToG[cb] + CrToG[cr]) >> ScaleBits)), Clamp(y + CbToB[cb]));

    private static (byte R, byte G, byte B) FromInvertedCmyk(int c, int m, int y, int k) =>
        ((byte)(((c * k) + 127) / 255), (byte)(((m * k) + 127) / 255), (byte)(((y * k) + 127) / 255));

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);

    private static int[] Table(double factor, int round, bool shift = true)
    {
        var fix = (int)((factor * (1 << ScaleBits)) + (factor < 0 ? -0.5 : 0.5));
        var table = new int[256];
        for (var i = 0; i < 256; i++)
        {
            var product = (fix * (i - 128)) + round;
            table[i] = shift ? product >> ScaleBits : product;
        }

        return table;
    }
}
