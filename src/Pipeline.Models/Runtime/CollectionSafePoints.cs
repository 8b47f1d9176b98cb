using System.Runtime;

namespace Pipeline.Models.Runtime;

/// <summary>
/// Lets the garbage collector run only at points the thread that drives libtorch marks as safe. TorchSharp 0.107 hands
/// a <c>Scalar</c> (every double in <c>x * 0.5</c>, <c>leaky_relu(x, 0.2)</c>, the optimisers' updates) to libtorch as
/// a bare handle and does not keep the managed object alive during the call, while the Scalar's finaliser frees that
/// handle. A collection triggered by another thread (a progress display, a timer, a server) while libtorch is still
/// reading the Scalar lets the finaliser free it mid-call: the step fails with "Expected false to be true ... toFloat"
/// or "Unknown scalar type", or reads a wrong value without any error. Between safe points the runtime is held in a
/// no-GC region much larger than a training step allocates; at a safe point, on the libtorch thread (in managed code,
/// so no Scalar is in flight), a region that is half used is ended and a new one started, which collects then and
/// there. If some thread outgrows a region anyway, the runtime ends it and collects as usual until the next safe point.
/// </summary>
/// <remarks>
/// The guarantee holds for processes with one thread calling libtorch (the CLI, a training app): a safe point of one
/// thread is not one of another. The region is process-wide and outlives the loop that set it; a process that stops
/// calling <see cref="Reached"/> returns to ordinary collections once its last region is used up.
/// </remarks>
public static class CollectionSafePoints
{
    // A training step allocates kilobytes of managed objects (tensor wrappers, index arrays); 64 MB lets a step or an
    // evaluation batch run many times over between safe points, and renewing at half of it collects about as often as
    // the runtime's own gen-0 budget would.
    private const long RegionBytes = 64L << 20;

    private static readonly Lock s_gate = new();
    private static long s_regionStart;
    private static bool s_unavailable;

    /// <summary>
    /// Marks a point where the calling thread is between libtorch calls: starts a no-GC region if none is active, or
    /// renews the active one (collecting now) when half of it has been allocated.
    /// </summary>
    public static void Reached()
    {
        lock (s_gate)
        {
            if (s_unavailable)
            {
                return;
            }

            var allocated = GC.GetTotalAllocatedBytes(precise: false);
            var inRegion = GCSettings.LatencyMode == GCLatencyMode.NoGCRegion;
            if (inRegion && allocated - s_regionStart < RegionBytes / 2)
            {
                return;
            }

            if (inRegion)
            {
                EndRegion();
            }

            try
            {
                if (GC.TryStartNoGCRegion(RegionBytes))
                {
                    s_regionStart = GC.GetTotalAllocatedBytes(precise: false);
                }
            }
            catch (ArgumentOutOfRangeException)
            {
                // A heap configured smaller than the region (a container's hard limit): ordinary collections only.
                s_unavailable = true;
            }
            catch (InvalidOperationException)
            {
                // Someone else's region is active; leave it to them.
            }
        }
    }

    private static void EndRegion()
    {
        try
        {
            GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The runtime already ended it (budget exceeded or a GC.Collect elsewhere): nothing left to end.
        }
    }
}
