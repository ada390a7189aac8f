namespace ModelAudit.Core.Audit.Running;

/// <summary>
/// Hands a full-size picture's memory back as soon as the audit is done with it. A 4000x4000 photo leaves about
/// 300 MB of large-object garbage (the decoder's planes, the RGBA pixels, the map and region mask at image size);
/// left to its own budget the GC let 0.5-1 GB of it pile up between collections, with freed regions still
/// committed, so the audit's peak grew with the number of photos (1.8-2.1 GB for 32, eng/bench/audit-memory.sh).
/// A blocking collection when such a picture is dropped walks only the audit's small live heap: 64 of them
/// over 32 photos paused the process for 0.9 s in all, against minutes of decoding and mapping. The native heap is
/// trimmed at the same moments (<see cref="NativeHeap"/>).
/// </summary>
internal static class PictureMemory
{
    /// <summary>16 MB of RGBA: below this the GC's own budget keeps up, and small images never pay for a collection.</summary>
    public const long LargePixels = 4_000_000;

    // Per thread, so a test can count the collections its own audit asked for while other tests run in parallel.
    [ThreadStatic]
    private static int collections;

    /// <summary>How many collections <see cref="Dropped"/> has made on this thread.</summary>
    internal static int Collections => collections;

    public static bool IsLarge(int width, int height) => (long)width * height >= LargePixels;

    /// <summary>Collects (and trims the native heap) when a picture of this size was just dropped.</summary>
    public static void Dropped(int width, int height)
    {
        if (IsLarge(width, height))
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
            collections++;
            NativeHeap.Trim();
        }
    }
}
