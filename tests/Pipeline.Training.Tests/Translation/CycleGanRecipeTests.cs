using Pipeline.Data;
using Pipeline.Data.Translation;
using Pipeline.Training.Checkpoints;
using Pipeline.Training.Translation;
using static TorchSharp.torch;

namespace Pipeline.Training.Tests.Translation;

public sealed class CycleGanRecipeTests
{
    private static readonly CycleGanOptions s_tiny = new(GeneratorWidth: 4, DiscriminatorWidth: 4, PoolSize: 3);
    private static readonly TranslationTrainingOptions s_training = new(Steps: 6, BatchSize: 2, Seed: 4);

    [Fact]
    public void A_few_steps_change_all_four_networks_and_fill_the_pools()
    {
        // Given
        using var recipe = new CycleGanRecipe(s_tiny, s_training, CPU);
        var before = recipe.Modules().Take(4).Select(m => Snapshot(m.Module)).ToArray();
        var batches = new TranslationBatches(Shoes(), 2, 4, CPU);

        // When
        var losses = Enumerable.Range(0, 3).Select(step => Run(recipe, batches, step)).ToArray();

        // Then
        var after = recipe.Modules().Take(4).Select(m => Snapshot(m.Module)).ToArray();
        Assert.All(before.Zip(after), p => Assert.True((p.First - p.Second).abs().max().item<float>() > 0));
        Assert.All(losses, l => Assert.True(double.IsFinite(l.CycleA) && l.CycleA > 0 && l.DiscriminatorB > 0));
        Assert.Equal((3, 3), (recipe.PoolA.Count, recipe.PoolB.Count));
    }

    [Fact]
    public void Resuming_from_a_checkpoint_repeats_the_uninterrupted_run_exactly()
    {
        // Given: one run of 4 steps, and one stopped after 2, saved, rebuilt and resumed.
        using var temp = new TempDirectory();
        var batches = new TranslationBatches(Shoes(), 2, 4, CPU);
        using var straight = new CycleGanRecipe(s_tiny, s_training, CPU);
        for (var step = 0; step < 4; step++)
        {
            Run(straight, batches, step);
        }

        using (var first = new CycleGanRecipe(s_tiny, s_training, CPU))
        {
            Run(first, batches, 0);
            Run(first, batches, 1);
            Checkpoint.Save(temp.File("last.ckpt"), "cyclegan", 2, "test", first.Modules(), first.Optimizers());
        }

        // When
        using var resumed = new CycleGanRecipe(s_tiny, s_training, CPU);
        var header = Checkpoint.Load(temp.File("last.ckpt"), "cyclegan", resumed.Modules(), resumed.Optimizers());
        for (var step = header.Step; step < 4; step++)
        {
            Run(resumed, batches, step);
        }

        // Then
        Assert.All(straight.Modules().Zip(resumed.Modules()), p => Assert.Equal(0f, (Snapshot(p.First.Module) - Snapshot(p.Second.Module)).abs().max().item<float>()));
    }

    [Fact]
    public void Evaluation_reports_cycle_error_and_target_shares()
    {
        // Given: a "classifier" that calls bright images class 9 and others class 7.
        using var scope = NewDisposeScope();
        using var recipe = new CycleGanRecipe(s_tiny, s_training, CPU);
        var (a, b) = (rand(4, 1, 28, 28), rand(4, 1, 28, 28));
        Tensor Classify(Tensor images) => where(images.mean([1L, 2L, 3L]) > 0.5, 9L, 7L);

        // When
        var quality = TranslationEvaluation.CycleGan(recipe, a, b, Classify, 7, 9);

        // Then
        Assert.InRange(quality.CycleL1A, 1e-6, 1);
        Assert.InRange(quality.CycleL1B, 1e-6, 1);
        Assert.InRange(quality.TargetShareAToB, 0, 1);
        Assert.Equal(quality.UntranslatedShareA, (a.mean([1L, 2L, 3L]) > 0.5).to(ScalarType.Float32).mean().item<float>(), precision: 6);
    }

    [Fact]
    public void Refuses_images_of_another_size_before_stepping()
    {
        using var scope = NewDisposeScope();
        using var recipe = new CycleGanRecipe(s_tiny, s_training, CPU);

        var error = Assert.Throws<ArgumentException>(() => recipe.Step(zeros(2, 1, 28, 28), zeros(2, 3, 32, 32), 0));

        Assert.Contains("Domain B batch has shape [2, 3, 32, 32]", error.Message);
        Assert.Contains("(B, 1, 28, 28)", error.Message);
    }

    internal static TranslationImages Shoes() => new(SmallData.TrainImages(64).Take(8), SmallData.TestImages(64).Take(6), IsPaired: false);

    private static CycleGanLosses Run(CycleGanRecipe recipe, TranslationBatches batches, long step)
    {
        using var scope = NewDisposeScope();
        var (a, b) = batches.Batch(step);
        return recipe.Step(a, b, step);
    }

    private static Tensor Snapshot(nn.Module module) =>
        cat(module.state_dict().Values.Select(t => t.detach().flatten().to(ScalarType.Float32)).ToArray());
}
