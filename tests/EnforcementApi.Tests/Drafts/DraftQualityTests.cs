using EnforcementApi.Drafts;
using EnforcementApi.Tests.Support;

namespace EnforcementApi.Tests.Drafts;

/// <summary>
/// The draft pipeline's quality on the hand-annotated texts, with the entities of a new user's first
/// start: the targets on the evaluation set the rules were tuned on, and a floor on the held-out set
/// annotated afterwards (what to expect of a text the rules have not seen). Timing is bench/drafts.sh's.
/// </summary>
public sealed class DraftQualityTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    async Task<EvaluationScore> ScoreAsync(string set)
    {
        await using var connection = factory.OpenDatabase();
        var (entities, metrics) = await Vocabulary.LoadAsync(connection, CancellationToken.None);
        var texts = DraftEvaluation.Load(Repo.PathOf("tests", "EnforcementApi.Tests", "Drafts", set), Repo.PathOf("db", "corpus"));
        Assert.True(texts.Count >= 6, $"{texts.Count} texts in {set}");
        return EvaluationScore.Total([.. texts.Select(t => DraftEvaluation.Score(t, entities, metrics))]);
    }

    [Fact]
    public async Task On_the_evaluation_set_figures_quotes_and_speakers_meet_the_targets()
    {
        var score = await ScoreAsync("Evaluation");
        var misses = string.Join("\n", score.Misses);
        Assert.True(score.GoldFigures >= 50 && score.GoldQuotes >= 40, $"{score.GoldFigures} figures, {score.GoldQuotes} quotes annotated");
        Assert.True(score.FigureRecall >= 0.95, $"figure recall {score.FigureRecall:0.000}\n{misses}");
        Assert.True(score.FigurePrecision >= 0.90, $"figure precision {score.FigurePrecision:0.000}\n{misses}");
        Assert.True(score.QuoteRecall >= 0.90, $"quote recall {score.QuoteRecall:0.000}\n{misses}");
        Assert.True(score.Attribution >= 0.85, $"attribution {score.Attribution:0.000}\n{misses}");
    }

    [Fact]
    public async Task On_the_held_out_set_the_pipeline_stays_above_its_measured_floor()
    {
        // First measured before any rule was changed for these texts: figures P 1.000 R 0.784, quotes P 0.889 R 0.800,
        // speakers 0.833; 0.962, 0.833 and 0.840 since 98cf4d4; issue 28 wrote rules for its misses too (docs/drafts.md):
        // R 0.973, quotes 1.000, speakers 0.967. The floor keeps a change from making these texts worse.
        var score = await ScoreAsync("HeldOut");
        var misses = string.Join("\n", score.Misses);
        Assert.True(score.FigurePrecision >= 0.90, $"figure precision {score.FigurePrecision:0.000}\n{misses}");
        Assert.True(score.FigureRecall >= 0.95, $"figure recall {score.FigureRecall:0.000}\n{misses}");
        Assert.True(score.QuoteRecall >= 0.95, $"quote recall {score.QuoteRecall:0.000}\n{misses}");
        Assert.True(score.Attribution >= 0.90, $"attribution {score.Attribution:0.000}\n{misses}");
        Assert.Equal(0, score.OffsetErrors);
    }

    [Fact]
    public async Task On_the_unseen_set_the_pipeline_stays_above_its_measured_floor_with_no_offset_errors()
    {
        // Issue 28: annotated and committed before the pipeline first ran on it (5e6e79b); no rule was written from its
        // misses. Measured (docs/drafts.md) at 36b9031 before the rules: figures P 0.926 R 0.667 (0.847 without
        // percentages), quotes P 0.860 R 0.831, speakers 0.837; at 19b334a: P 0.943 R 0.880 (0.847), quotes P 0.820
        // R 0.847, speakers 0.880. The targets (R 0.95, quotes R 0.90) are not met; the floor keeps it from getting worse.
        var score = await ScoreAsync("Unseen");
        Assert.True(score.GoldFigures >= 70 && score.GoldPercents >= 15 && score.GoldQuotes >= 55, $"{score.GoldFigures} figures, {score.GoldQuotes} quotes annotated");
        Assert.True(score.FigurePrecision >= 0.90, $"figure precision {score.FigurePrecision:0.000}");
        Assert.True(score.FigureRecall >= 0.86, $"figure recall {score.FigureRecall:0.000}");
        Assert.True(score.QuoteRecall >= 0.83, $"quote recall {score.QuoteRecall:0.000}");
        Assert.True(score.Attribution >= 0.85, $"attribution {score.Attribution:0.000}");
        Assert.Equal(0, score.OffsetErrors);
    }
}
