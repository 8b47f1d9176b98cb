using Pipeline.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Checkpoints;

public sealed class CheckpointTests
{
    [Fact]
    public void Round_trip_restores_weights_optimizer_state_and_step()
    {
        // Given: a module after one Adam step, so the optimizer has moments to save.
        using var folder = new TempDirectory();
        var path = folder.File("model.ckpt");
        manual_seed(1);
        using var saved = nn.Linear(4, 3);
        using var savedAdam = optim.Adam(saved.parameters(), 0.01);
        Step(saved, savedAdam);
        Checkpoint.Save(path, "test", 17, "run-a", [("linear", saved)], [("adam", savedAdam)]);

        // When
        manual_seed(99);
        using var loaded = nn.Linear(4, 3);
        using var loadedAdam = optim.Adam(loaded.parameters(), 0.01);
        var header = Checkpoint.Load(path, "test", [("linear", loaded)], [("adam", loadedAdam)]);

        // Then: same weights, and the next step moves both the same way (same Adam moments).
        Assert.Equal(17, header.Step);
        Assert.Equal("run-a", header.RunId);
        Assert.True(saved.weight!.allclose(loaded.weight!, rtol: 0, atol: 0));
        Step(saved, savedAdam);
        Step(loaded, loadedAdam);
        Assert.True(saved.weight!.allclose(loaded.weight!, rtol: 0, atol: 0));
    }

    [Fact]
    public void Rejects_a_file_that_is_not_a_checkpoint()
    {
        using var folder = new TempDirectory();
        var path = folder.File("bogus.ckpt");
        File.WriteAllText(path, "definitely not tensors");
        using var module = nn.Linear(2, 2);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, "test", [("linear", module)], []));

        Assert.Contains(path, error.Message);
        Assert.Contains("PIPECKPT", error.Message);
    }

    [Fact]
    public void Rejects_a_checkpoint_of_another_kind()
    {
        using var folder = new TempDirectory();
        var path = folder.File("model.ckpt");
        using var module = nn.Linear(2, 2);
        Checkpoint.Save(path, "gan", 1, "run", [("linear", module)], []);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, "vae", [("linear", module)], []));

        Assert.Contains("'gan'", error.Message);
        Assert.Contains("'vae'", error.Message);
    }

    [Fact]
    public void Rejects_weights_that_do_not_fit_the_model()
    {
        using var folder = new TempDirectory();
        var path = folder.File("model.ckpt");
        using var small = nn.Linear(2, 2);
        Checkpoint.Save(path, "test", 1, "run", [("linear", small)], []);
        using var large = nn.Linear(5, 2);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, "test", [("linear", large)], []));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Rejects_a_truncated_checkpoint()
    {
        using var folder = new TempDirectory();
        var path = folder.File("model.ckpt");
        using var module = nn.Linear(8, 8);
        Checkpoint.Save(path, "test", 1, "run", [("linear", module)], []);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => Checkpoint.Load(path, "test", [("linear", module)], []));

        Assert.Contains(path, error.Message);
    }

    private static void Step(nn.Module<Tensor, Tensor> module, optim.Optimizer optimizer)
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        optimizer.zero_grad();
        module.call(randn(6, 4)).square().sum().backward();
        optimizer.step();
    }
}
