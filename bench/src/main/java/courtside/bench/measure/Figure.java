package courtside.bench.measure;

/**
 * One row of the report: a measured value beside the ceiling it is judged against, measured in the same run,
 * and docs/design.md's target. {@code ratio} is value ÷ ceiling where there is a ceiling.
 *
 * @param higherIsBetter whether the target is a floor (lines/s) or a cap (milliseconds, megabytes)
 */
record Figure(int seasons, String what, double value, String unit, String ceilingName, double ceiling,
              String target, double targetValue, boolean targetIsRatio, boolean higherIsBetter) {

    static Figure of(int seasons, String what, double value, String unit, String target, double targetValue,
                     boolean higherIsBetter) {
        return new Figure(seasons, what, value, unit, "", Double.NaN, target, targetValue, false, higherIsBetter);
    }

    static Figure beside(int seasons, String what, double value, String unit, String ceilingName, double ceiling,
                         String target, double targetValue, boolean targetIsRatio, boolean higherIsBetter) {
        return new Figure(seasons, what, value, unit, ceilingName, ceiling, target, targetValue, targetIsRatio,
                higherIsBetter);
    }

    double ratio() {
        return Double.isNaN(ceiling) || ceiling == 0 ? Double.NaN : value / ceiling;
    }

    /** Whether the target is met; {@code null} where the figure has no target (a ceiling shown for scale). */
    Boolean met() {
        if (Double.isNaN(targetValue) || Double.isNaN(value)) {
            return null;
        }
        double judged = targetIsRatio ? ratio() : value;
        return higherIsBetter ? judged >= targetValue : judged <= targetValue;
    }
}
