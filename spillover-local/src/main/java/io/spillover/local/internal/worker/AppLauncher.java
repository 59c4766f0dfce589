package io.spillover.local.internal.worker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * An app worker's main: watches the platform (so the app never outlives it), then runs the app's
 * own {@code main(String[])}, named by the first argument, with the remaining arguments.
 */
public final class AppLauncher {
  private AppLauncher() {}

  public static void main(String[] args) throws Throwable {
    ParentWatch.start();
    Method main = Class.forName(args[0], false, AppLauncher.class.getClassLoader())
        .getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
