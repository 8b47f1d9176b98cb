namespace Pipeline.Training.Gans;

/// <summary>
/// The Fréchet distance between Gaussians fitted to two feature sets (Dowson and Landau 1982; FID, Heusel et al.
/// 2017, eq. 6): ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½). Computed in float64. Tr((Σ₁Σ₂)^½) equals
/// Tr((Σ₁^½ Σ₂ Σ₁^½)^½), the trace of the square root of a symmetric positive semi-definite matrix, i.e. the sum of
/// the square roots of its eigenvalues (torch.linalg.eigh), with round-off negatives clamped to zero: no
/// non-symmetric matrix square root (scipy's sqrtm) is needed.
/// </summary>
public static class FrechetDistance
{
    /// <summary>The distance between feature sets <paramref name="a"/> (N, D) and <paramref name="b"/> (M, D).</summary>
    public static double Between(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var (meanA, covA) = Moments(a);
        var (meanB, covB) = Moments(b);
        return Between(meanA, covA, meanB, covB);
    }

    /// <summary>The distance between N(μ₁, Σ₁) and N(μ₂, Σ₂).</summary>
    public static double Between(Tensor mean1, Tensor cov1, Tensor mean2, Tensor cov2)
    {
        using var scope = NewDisposeScope();
        var (m1, s1, m2, s2) = (mean1.to(float64), cov1.to(float64), mean2.to(float64), cov2.to(float64));
        var root1 = SymmetricSqrt(s1);                                       // Σ₁^½
        var middle = root1.matmul(s2).matmul(root1);
        middle = (middle + middle.t()) / 2;                                  // symmetric up to round-off
        var (eigenvalues, _) = linalg.eigh(middle);
        var traceRoot = eigenvalues.clamp_min(0).sqrt().sum();
        var distance = (m1 - m2).square().sum() + s1.trace() + s2.trace() - (2 * traceRoot);
        return distance.item<double>();
    }

    /// <summary>Mean (D) and unbiased covariance (D, D) of the rows of <paramref name="features"/>, in float64.</summary>
    public static (Tensor Mean, Tensor Covariance) Moments(Tensor features)
    {
        if (features.shape[0] < 2)
        {
            throw new ArgumentException("A covariance needs at least two feature vectors.", nameof(features));
        }

        using var scope = NewDisposeScope();
        var x = features.to(float64);
        var mean = x.mean([0]);
        var centred = x - mean;
        var covariance = centred.t().matmul(centred) / (x.shape[0] - 1);
        return (mean.MoveToOuterDisposeScope(), covariance.MoveToOuterDisposeScope());
    }

    private static Tensor SymmetricSqrt(Tensor matrix)
    {
        var (eigenvalues, eigenvectors) = linalg.eigh(matrix);
        return eigenvectors.matmul(diag(eigenvalues.clamp_min(0).sqrt())).matmul(eigenvectors.t());
    }
}
