package io.spillover.local.internal;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the jars (or class directories) that hold given classes on this JVM's class path, without
 * loading the classes: the worker JVMs need the runtime's own code next to the function's.
 */
final class ClasspathLocator {
  private ClasspathLocator() {}

  /** The classpath root that holds {@code className}, or null when it is not on the classpath. */
  static Path rootOf(String className) {
    String resource = className.replace('.', '/') + ".class";
    ClassLoader loader = ClasspathLocator.class.getClassLoader();
    URL url = loader.getResource(resource);
    if (url == null) {
      return null;
    }
    try {
      String s = url.toString();
      if (s.startsWith("jar:")) {
        String file = s.substring(4, s.indexOf("!/"));
        return Path.of(new URL(file).toURI());
      }
      if (s.startsWith("file:")) {
        Path classFile = Path.of(url.toURI());
        Path root = classFile;
        for (int i = 0; i < resource.split("/").length; i++) {
          root = root.getParent();
        }
        return root;
      }
    } catch (URISyntaxException | java.net.MalformedURLException e) {
      throw new IllegalStateException("cannot locate " + className + " at " + url, e);
    }
    throw new IllegalStateException("cannot use " + className + " from " + url
        + " on a worker classpath (not a jar or a directory)");
  }

  /** The function's entries (or this JVM's classpath if none), then each support root not yet in. */
  static String workerClasspath(List<Path> function, List<String> supportClasses) {
    Set<String> entries = new LinkedHashSet<>();
    if (function.isEmpty()) {
      for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
        if (!e.isEmpty()) {
          entries.add(Path.of(e).toAbsolutePath().toString());
        }
      }
    } else {
      function.forEach(p -> entries.add(p.toAbsolutePath().toString()));
    }
    List<String> missing = new ArrayList<>();
    for (String cls : supportClasses) {
      Path root = rootOf(cls);
      if (root == null) {
        missing.add(cls);
      } else {
        entries.add(root.toAbsolutePath().toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("the worker runtime needs " + missing
          + " on the platform's classpath");
    }
    return String.join(File.pathSeparator, entries);
  }
}
