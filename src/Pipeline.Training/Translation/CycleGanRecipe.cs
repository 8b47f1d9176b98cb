using Pipeline.Models.Translation;
using Pipeline.Training.Gans;
using TorchSharp.Modules;

namespace Pipeline.Training.Translation;

/// <summary>
/// One CycleGAN optimisation step (Zhu et al. 2017), kept apart from the loop that feeds it batches. Names follow
/// the reference code; in the paper's notation G_A = G (A → B), G_B = F (B → A), D_A = D_Y (judges domain B),
/// D_B = D_X (judges domain A). Images are in [−1, 1].
/// </summary>
public sealed class CycleGanRecipe : IDisposable
{
    private readonly CycleGanOptions _options;
    private readonly TranslationTrainingOptions _training;
    private readonly OptimizerHelper _generatorOptimizer;
    private readonly OptimizerHelper _discriminatorOptimizer;

    /// <summary>Builds the four networks on <paramref name="device"/> from the options' seed.</summary>
    public CycleGanRecipe(CycleGanOptions options, TranslationTrainingOptions training, Device device)
    {
        training.Validate();
        _options = options;
        _training = training;
        random.manual_seed(training.Seed);
        (GeneratorA, GeneratorB, DiscriminatorA, DiscriminatorB) = TranslationNetworks.CycleGan(options);
        long[] shape = [options.Channels, options.ImageSize, options.ImageSize];
        PoolA = new ImagePool(options.PoolSize, shape);
        PoolB = new ImagePool(options.PoolSize, shape);
        foreach (var module in Modules().Select(m => m.Module))
        {
            module.to(device);
        }

        // One Adam over both generators and one over both discriminators, as the reference code does.
        _generatorOptimizer = AdversarialUpdates.Adam([GeneratorA, GeneratorB], training.LearningRate, training.Beta1);
        _discriminatorOptimizer = AdversarialUpdates.Adam([DiscriminatorA, DiscriminatorB], training.LearningRate, training.Beta1);
    }

    /// <summary>G: A → B.</summary>
    public ResnetGenerator GeneratorA { get; }

    /// <summary>F: B → A.</summary>
    public ResnetGenerator GeneratorB { get; }

    /// <summary>D_Y: judges images of domain B (real b against G_A(a)).</summary>
    public PatchDiscriminator DiscriminatorA { get; }

    /// <summary>D_X: judges images of domain A (real a against G_B(b)).</summary>
    public PatchDiscriminator DiscriminatorB { get; }

    /// <summary>History of G_A's outputs, for D_A.</summary>
    public ImagePool PoolA { get; }

    /// <summary>History of G_B's outputs, for D_B.</summary>
    public ImagePool PoolB { get; }

    /// <summary>
    /// One step on a batch of each domain: forward both cycles; with D frozen, step both G on adversarial + cycle
    /// + identity losses; then step both D on real images against pooled fakes.
    /// </summary>
    public CycleGanLosses Step(Tensor realA, Tensor realB, long step)
    {
        RequireShape(realA, "A");
        RequireShape(realB, "B");
        using var scope = NewDisposeScope();
        var draws = AdversarialUpdates.SeedStep(_training.Seed, step);
        var rate = _training.Schedule.At(step);
        AdversarialUpdates.SetLearningRate(_generatorOptimizer, rate);
        AdversarialUpdates.SetLearningRate(_discriminatorOptimizer, rate);
        var objective = _training.Objective;
        var (lambda, identity) = (_options.CycleWeight, _options.CycleWeight * _options.IdentityWeight);

        var fakeB = GeneratorA.call(realA);                       // G(a)
        var fakeA = GeneratorB.call(realB);                       // F(b)
        AdversarialUpdates.SetTrainable([DiscriminatorA, DiscriminatorB], false);
        _generatorOptimizer.zero_grad();
        var adversarialA = GanLosses.Generator(objective, DiscriminatorA.call(fakeB));   // eq. 1, G's side
        var adversarialB = GanLosses.Generator(objective, DiscriminatorB.call(fakeA));   // eq. 1 for F
        var cycleA = (GeneratorB.call(fakeB) - realA).abs().mean();                   // eq. 2: ‖F(G(a)) − a‖₁
        var cycleB = (GeneratorA.call(fakeA) - realB).abs().mean();                   // eq. 2: ‖G(F(b)) − b‖₁
        var identityA = (GeneratorA.call(realB) - realB).abs().mean();                // section 5.2: ‖G(b) − b‖₁
        var identityB = (GeneratorB.call(realA) - realA).abs().mean();
        var generatorLoss = adversarialA + adversarialB + (lambda * (cycleA + cycleB)) + (identity * (identityA + identityB));
        generatorLoss.backward();
        _generatorOptimizer.step();

        AdversarialUpdates.SetTrainable([DiscriminatorA, DiscriminatorB], true);
        _discriminatorOptimizer.zero_grad();
        // Halved as in the reference code, which slows D relative to G.
        var lossA = 0.5 * GanLosses.Discriminator(objective, DiscriminatorA.call(realB), DiscriminatorA.call(PoolA.Query(fakeB, draws)));
        var lossB = 0.5 * GanLosses.Discriminator(objective, DiscriminatorB.call(realA), DiscriminatorB.call(PoolB.Query(fakeA, draws)));
        (lossA + lossB).backward();
        _discriminatorOptimizer.step();

        return new CycleGanLosses(adversarialA.item<float>(), adversarialB.item<float>(), cycleA.item<float>(), cycleB.item<float>(),
            identityA.item<float>(), identityB.item<float>(), lossA.item<float>(), lossB.item<float>());
    }

    // The pools store images of the configured size, so other sizes are refused before anything runs.
    private void RequireShape(Tensor images, string domain)
    {
        long[] expected = [_options.Channels, _options.ImageSize, _options.ImageSize];
        if (images.dim() != 4 || !images.shape[1..].SequenceEqual(expected))
        {
            throw new ArgumentException(
                $"Domain {domain} batch has shape [{string.Join(", ", images.shape)}]; CycleGAN was built for (B, {expected[0]}, {expected[1]}, {expected[2]}).");
        }
    }

    /// <summary>Networks and pools under their checkpoint names.</summary>
    public (string Name, nn.Module Module)[] Modules() => Named(GeneratorA, GeneratorB, DiscriminatorA, DiscriminatorB, PoolA, PoolB);

    /// <summary>CycleGAN's modules under their checkpoint names, in checkpoint order.</summary>
    public static (string Name, nn.Module Module)[] Named(nn.Module generatorA, nn.Module generatorB, nn.Module discriminatorA, nn.Module discriminatorB, nn.Module poolA, nn.Module poolB) =>
    [
        ("generator_a", generatorA), ("generator_b", generatorB), ("discriminator_a", discriminatorA),
        ("discriminator_b", discriminatorB), ("pool_a", poolA), ("pool_b", poolB),
    ];

    /// <summary>Optimizers under their checkpoint names.</summary>
    public (string Name, OptimizerHelper Optimizer)[] Optimizers() =>
        [("adam_generators", _generatorOptimizer), ("adam_discriminators", _discriminatorOptimizer)];

    /// <inheritdoc />
    public void Dispose()
    {
        _generatorOptimizer.Dispose();
        _discriminatorOptimizer.Dispose();
        foreach (var (_, module) in Modules())
        {
            module.Dispose();
        }
    }
}
