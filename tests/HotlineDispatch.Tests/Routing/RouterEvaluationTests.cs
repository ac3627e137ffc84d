using HotlineDispatch.Routing;
using Xunit.Abstractions;

namespace HotlineDispatch.Tests.Routing;

/// <summary>
/// The honest measure of the router (README, "Routing"). Run it to print the figures:
/// <c>./test.sh --filter RouterEvaluationTests --logger "console;verbosity=detailed"</c>.
/// The floors sit below the measured figures, so a change that makes routing worse fails here.
/// </summary>
public sealed class RouterEvaluationTests(RouterEvaluation evaluation, ITestOutputHelper output) : IClassFixture<RouterEvaluation>
{
    [Fact]
    public void Prints_the_evaluation()
    {
        output.WriteLine(evaluation.Report());
    }

    [Fact]
    public void The_validation_split_is_never_trained_on()
    {
        Assert.DoesNotContain(evaluation.TicketValidation, t => evaluation.TrainedOn.Contains(t.Text));
        Assert.DoesNotContain(evaluation.ChatValidation, c => evaluation.TrainedOn.Contains(c.Id));
        Assert.Equal(661, evaluation.TicketValidation.Count);
    }

    [Fact]
    public void Department_accuracy_is_well_above_the_keyword_baseline()
    {
        var accuracy = evaluation.Quality.Top1;
        var baseline = evaluation.Accuracy(evaluation.TicketValidation.Select(t => (t.Department, evaluation.Baseline.Predict(t.Text))));
        Assert.True(accuracy >= 0.87, $"accuracy {accuracy:F3}");
        Assert.True(evaluation.Quality.Top3 >= 0.96, $"top-3 {evaluation.Quality.Top3:F3}");
        Assert.True(accuracy >= baseline + 0.3, $"accuracy {accuracy:F3}, keyword baseline {baseline:F3}");
    }

    [Fact]
    public void Requests_are_told_from_chatter()
    {
        var f1 = evaluation.Quality.RequestF1;
        Assert.True(f1 >= 0.92, $"F1 {f1:F3}");
    }

    [Fact]
    public void Confidences_are_calibrated_on_the_validation_split()
    {
        var (ece, _) = RouterEvaluation.Calibration(evaluation.Quality.Predictions);
        Assert.True(ece <= 0.12, $"expected calibration error {ece:F3}");
    }

    [Fact]
    public void Nearly_every_urgent_report_is_flagged_without_crying_wolf()
    {
        Assert.True(evaluation.Quality.Urgent >= 100);
        Assert.True(evaluation.Quality.UrgentRecall >= 0.96, $"recall {evaluation.Quality.UrgentRecall:F3}");
        Assert.True(evaluation.Quality.UrgentPrecision >= 0.6, $"precision {evaluation.Quality.UrgentPrecision:F3}");
    }

    [Fact]
    public void Dangers_the_patterns_miss_are_caught_by_the_model_which_says_how_sure_it_is()
    {
        var missedByPatterns = evaluation.TicketValidation.Where(t => t.Urgent && UrgencyDetector.Detect(t.Text) is null).ToList();
        Assert.True(missedByPatterns.Count >= 30, $"{missedByPatterns.Count}");
        var cues = missedByPatterns.Select(t => evaluation.Model.UrgentCue(t.Text)).ToList();
        Assert.True(cues.Count(c => c is not null) >= missedByPatterns.Count * 0.9, $"{cues.Count(c => c is not null)} of {missedByPatterns.Count}");
        Assert.All(cues.OfType<string>(), c => Assert.Matches(@"^模型判断紧急 \((0\.\d\d|1\.00)\)$", c));
    }

    [Fact]
    public void Analysis_takes_milliseconds()
    {
        var latencies = evaluation.Latencies();
        Assert.True(latencies.Percentile(50) < 20, $"median {latencies.Percentile(50):F2} ms");
    }
}
