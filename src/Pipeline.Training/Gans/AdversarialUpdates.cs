using TorchSharp.Modules;

namespace Pipeline.Training.Gans;

/// <summary>The small pieces every adversarial recipe's alternating update needs (the GAN families' and the translators').</summary>
internal static class AdversarialUpdates
{
    /// <summary>Freezes or unfreezes a network's parameters, so G's step leaves D's gradients untouched (CycleGAN's <c>set_requires_grad</c>).</summary>
    public static void SetTrainable(IEnumerable<nn.Module> modules, bool trainable)
    {
        foreach (var module in modules)
        {
            foreach (var parameter in module.parameters())
            {
                parameter.requires_grad = trainable;
            }
        }
    }

    /// <summary>G's and D's optimisers under the names a one-G, one-D recipe's checkpoints give them.</summary>
    public static IReadOnlyList<(string Name, OptimizerHelper Optimizer)> Optimizers(OptimizerHelper generator, OptimizerHelper discriminator) =>
        [("adam_generator", generator), ("adam_discriminator", discriminator)];

    /// <summary>Sets every parameter group's learning rate.</summary>
    public static void SetLearningRate(OptimizerHelper optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }
    }

    /// <summary>Adam over the parameters of several modules, with the pix2pix/CycleGAN settings by default (2e-4, β₁ = 0.5).</summary>
    public static OptimizerHelper Adam(IEnumerable<nn.Module> modules, double rate, double beta1) =>
        optim.Adam(modules.SelectMany(m => m.parameters()), rate, beta1, 0.999);

    /// <summary>The per-step seed both libtorch (dropout) and the image pool draw from, so a resumed step repeats exactly.</summary>
    public static Random SeedStep(int seed, long step)
    {
        var stepSeed = StepSeeds.For(seed, step);
        random.manual_seed(stepSeed);
        return new Random(unchecked((int)stepSeed));
    }
}
