package courtside.stats.line;

import courtside.model.BoxScoreStat;
import courtside.model.FieldProblem;
import courtside.model.LineRules;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The rules of docs/design.md section 2 beyond presence and form: each value's bounds and the rules that span fields,
 * all from common-model's {@link LineRules} (the one rule set the consumer applies too), plus the one rule only
 * the writer can judge, "not after tomorrow". Each rule runs only when the fields it reads are present, so that a
 * missing field is reported once, as missing. Violations name the field a client would fix.
 */
final class StatLineRules implements ConstraintValidator<ConsistentStatLine, StatLineRequest> {

    private final Clock clock;

    StatLineRules(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean isValid(StatLineRequest line, ConstraintValidatorContext context) {
        if (line == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        Violations violations = new Violations(context);
        checkDate(line, violations);
        checkStats(line, violations);
        checkMinutes(line, violations);
        LineRules.shootingProblems(line.points(), line.rebounds(), line::value).forEach(violations::add);
        if (line.playerName() != null) {
            violations.add("player_name", LineRules.nameProblem(line.playerName()));
        }
        return violations.none();
    }

    private void checkDate(StatLineRequest line, Violations violations) {
        if (line.gameDate() == null) {
            return;
        }
        violations.add("game_date", LineRules.gameDateProblem(line.gameDate()));
        // Games are dated in US local time, which can be a day ahead of UTC's idea of "today" at most. Only the
        // writer applies this rule: a consumer's clock is not the writer's.
        LocalDate tomorrow = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1);
        if (line.gameDate().isAfter(tomorrow)) {
            violations.add("game_date", Optional.of("must not be after tomorrow (UTC): " + tomorrow + " at the latest"));
        }
        if (line.season() != null) {
            violations.add("season", LineRules.seasonProblem(line.season(), line.gameDate()));
        }
    }

    private static void checkStats(StatLineRequest line, Violations violations) {
        for (BoxScoreStat stat : BoxScoreStat.counting()) {
            Number value = line.value(stat);
            if (value == null) {
                violations.add(stat.wireName(), Optional.of("is required"));
            } else if (value instanceof Integer count) {
                // Minutes have a bound of their own, which depends on the overtime periods: see checkMinutes.
                violations.add(stat.wireName(), LineRules.statProblem(stat, count));
            }
        }
        if (line.plusMinus() != null) {
            violations.add("plus_minus", LineRules.plusMinusProblem(line.plusMinus()));
        }
    }

    private static void checkMinutes(StatLineRequest line, Violations violations) {
        Optional<String> overtime = line.overtimePeriods() == null ? Optional.empty()
                : LineRules.overtimeProblem(line.overtimePeriods());
        violations.add("overtime_periods", overtime);
        if (line.minutesPlayed() != null && overtime.isEmpty()) {
            violations.add("minutes_played", LineRules.minutesProblem(line.minutesPlayed(), line.effectiveOvertimePeriods()));
        }
    }

    private static final class Violations {
        private final ConstraintValidatorContext context;
        private boolean any;

        Violations(ConstraintValidatorContext context) {
            this.context = context;
        }

        void add(FieldProblem problem) {
            add(problem.field(), Optional.of(problem.message()));
        }

        /** Adds the problem, if there is one, under the field's wire name (which the error list keeps as it is). */
        void add(String field, Optional<String> problem) {
            problem.ifPresent(message -> {
                any = true;
                context.buildConstraintViolationWithTemplate(escape(message)).addPropertyNode(field).addConstraintViolation();
            });
        }

        boolean none() {
            return !any;
        }

        // Messages are templates: keep a literal "{" or "$" from being read as an expression.
        private static String escape(String message) {
            return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
