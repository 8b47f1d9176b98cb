using Pipeline.Models.Runtime;
using static TorchSharp.torch;

namespace Pipeline.Models.Tests.Runtime;

/// <summary>
/// Runs alone: its allocating thread triggers collections, which would put the libtorch calls of test classes running
/// beside it at the very risk it checks.
/// </summary>
[Collection(ProcessWideSeedCollection.Name)]
public sealed class CollectionSafePointsTests
{
    [Fact]
    public void Scalars_handed_to_libtorch_survive_collections_that_another_thread_triggers_between_safe_points()
    {
        // Given: another thread allocating without pause, as a progress display or a server would, only faster. Without
        // safe points this loop failed here within about 10,000 operations ("Unknown scalar type", "Expected false to
        // be true ... toFloat"): the collections it triggers let Scalars be finalised while libtorch reads them.
        var (stop, allocated) = (false, 0L);
        var recent = new byte[64][];
        var allocator = new Thread(() =>
        {
            // Kept in an array, or the JIT would place the arrays on the stack and never trigger a collection.
            for (var n = 0; !Volatile.Read(ref stop); n++)
            {
                recent[n % recent.Length] = new byte[512];
                allocated += 512;
            }
        });
        allocator.Start();
        var model = nn.Linear(8, 8);
        using var adam = optim.Adam(model.parameters(), lr: 1e-3);
        using var x = ones(4, 8);
        var operations = 0;

        // When: 40,000 iterations of operations that take a Scalar (arithmetic with doubles, leaky ReLU, Adam's update),
        // each iteration starting at a safe point.
        var failure = Record.Exception(() =>
        {
            for (var i = 0; i < 40_000; i++)
            {
                CollectionSafePoints.Reached();
                using var scope = NewDisposeScope();
                _ = (x + 1.0) * 0.5;
                _ = nn.functional.leaky_relu(x, 0.2);
                if (i % 100 == 0)
                {
                    adam.zero_grad();
                    model.forward(x).square().mean().backward();
                    adam.step();
                }

                operations++;
            }
        });
        Volatile.Write(ref stop, true);
        allocator.Join();

        // Then: every operation ran, while the other thread allocated far more than one no-GC region.
        Assert.Null(failure);
        Assert.Equal(40_000, operations);
        Assert.True(allocated > 256L << 20, $"the allocating thread made only {allocated} bytes");
    }
}
