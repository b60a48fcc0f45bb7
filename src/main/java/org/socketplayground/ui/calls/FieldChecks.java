package org.socketplayground.ui.calls;

import java.util.function.Function;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.controlsfx.validation.decoration.CompoundValidationDecoration;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;
import org.controlsfx.validation.decoration.StyleClassValidationDecoration;
import org.socketplayground.i18n.Texts;
import org.socketplayground.ui.session.Inputs;

/**
 * Flags a field as soon as what it holds cannot become a call (a port of "abc"), or will make Python refuse it (a
 * port of 70000): the same parsing the calls use, shown as the user types.
 */
final class FieldChecks {
    private final ValidationSupport validation = new ValidationSupport();

    FieldChecks() {
        // The corner mark alone is too small for a projector: the field's frame turns red too.
        validation.setValidationDecorator(new CompoundValidationDecoration(
                new GraphicValidationDecoration(), new StyleClassValidationDecoration()));
    }

    <T> void check(TextField field, Function<String, Inputs.Parsed<T>> parse) {
        validation.registerValidator(field, false, validator(parse));
    }

    /** The destination port may be empty until the first send: then it only says what to type. */
    void checkDestinationPort(TextField field, java.util.function.BooleanSupplier off) {
        validation.registerValidator(field, false, (c, v) -> off.getAsBoolean() ? ValidationResult.fromErrorIf(c, "", false)
                : v == null || v.toString().isBlank()
                ? ValidationResult.fromInfo(c, Texts.get("calls.fieldChecks.typeDestPort"))
                : validator(Inputs::port).apply(c, v));
    }

    /** The payload reads as text or as hex, as the toggle says. */
    void checkPayload(TextField field, ObservableBooleanValue hex) {
        validation.registerValidator(field, false,
                (c, v) -> result(c, Inputs.payload(v == null ? "" : v.toString(), hex.get())));
        hex.addListener((o, was, now) -> validation.revalidate());
    }

    private static <T> Validator<Object> validator(Function<String, Inputs.Parsed<T>> parse) {
        return (c, v) -> result(c, parse.apply(v == null ? "" : v.toString()));
    }

    private static ValidationResult result(Control c, Inputs.Parsed<?> p) {
        if (p.error() != null) {
            return ValidationResult.fromMessages(new ValidationMessage() {
                public String getText() {
                    return p.error();
                }

                public Severity getSeverity() {
                    return Severity.ERROR;
                }

                public Control getTarget() {
                    return c;
                }
            });
        }
        return p.warning() != null ? ValidationResult.fromWarning(c, p.warning()) : new ValidationResult();
    }
}
