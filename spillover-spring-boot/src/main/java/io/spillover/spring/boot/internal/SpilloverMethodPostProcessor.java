package io.spillover.spring.boot.internal;

import io.spillover.spring.boot.Spillover;
import io.spillover.spring.boot.Spillways;
import java.lang.reflect.Method;
import java.util.Map;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Proxies beans with {@link Spillover @Spillover} methods. Each such method is checked when its
 * bean is created (a bad signature fails that bean), and its spillway is created once all
 * singletons exist (a bad config or a type clash fails startup). The registry is looked up only
 * then, so this post-processor pulls no bean in early.
 */
public final class SpilloverMethodPostProcessor extends AbstractBeanFactoryAwareAdvisingPostProcessor
    implements SmartInitializingSingleton {
  private static final long serialVersionUID = 1L;

  private transient SpilloverMethodInterceptor interceptor;

  public SpilloverMethodPostProcessor() {
    setProxyTargetClass(true);
    setBeforeExistingAdvisors(true);
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    super.setBeanFactory(beanFactory);
    this.interceptor = new SpilloverMethodInterceptor(beanFactory.getBeanProvider(Spillways.class));
    this.advisor = new DefaultPointcutAdvisor(
        new AnnotationMatchingPointcut(null, Spillover.class, true), interceptor);
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    Class<?> type = AopUtils.getTargetClass(bean);
    if (AnnotationUtils.isCandidateClass(type, Spillover.class)) {
      Map<Method, Spillover> found = MethodIntrospector.selectMethods(type,
          (MethodIntrospector.MetadataLookup<Spillover>) m ->
              AnnotatedElementUtils.findMergedAnnotation(m, Spillover.class));
      try {
        found.keySet().forEach(interceptor::register);
      } catch (IllegalStateException e) {
        throw new BeanCreationException(beanName, e.getMessage(), e);
      }
    }
    return super.postProcessAfterInitialization(bean, beanName);
  }

  @Override
  public void afterSingletonsInstantiated() {
    interceptor.createSpillways();
  }
}
