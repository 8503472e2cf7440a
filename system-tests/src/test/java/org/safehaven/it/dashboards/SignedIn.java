package org.safehaven.it.dashboards;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's browser, signed in with one of the shared platform's tokens before the class's tests and
 * closed after them: {@code @RegisterExtension static final SignedIn session = new SignedIn("kent");}. The
 * platform is the run's one {@link DashboardPlatform}, closed by {@link DashboardPlatform.Shared} when the run
 * ends.
 */
final class SignedIn implements BeforeAllCallback, AfterAllCallback {

  private final String tokenName;
  private DashboardPlatform platform;
  private Browser browser;

  /** @param tokenName one of {@link DashboardPlatform#tokens}' names: oversight, researcher, kent, essex */
  SignedIn(String tokenName) {
    this.tokenName = tokenName;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    new DashboardPlatform.Shared().beforeAll(context);
    platform = DashboardPlatform.get();
    browser = Browser.open(platform.url(), 1280, 800);
    browser.signIn(platform.tokens.get(tokenName));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (browser != null) {
      browser.close();
    }
  }

  DashboardPlatform platform() {
    return platform;
  }

  Browser browser() {
    return browser;
  }
}
